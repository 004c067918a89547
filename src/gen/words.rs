//! The generator's vocabulary: name pools, places, topics and sentences.
//! Only words live here; `super` decides how they combine.

// Name pools. Russian names carry four spellings: English, an alternative
// romanisation, a scholarly one with diacritics, and Cyrillic, so that alias
// search and accent folding are exercised at scale.
pub const RU_GIVEN: &[(&str, &str, &str, &str, bool)] = &[
    ("Yuriy", "Yuri", "Jurij", "Юрий", false),
    ("Sergey", "Sergei", "Sergej", "Сергей", false),
    ("Dmitry", "Dmitri", "Dmitrij", "Дмитрий", false),
    ("Alexey", "Aleksei", "Aleksej", "Алексей", false),
    ("Nikolay", "Nikolai", "Nikolaj", "Николай", false),
    ("Andrey", "Andrei", "Andrej", "Андрей", false),
    ("Yevgeny", "Evgeny", "Jevgenij", "Евгений", false),
    ("Mikhail", "Mikhail", "Michail", "Михаил", false),
    ("Maria", "Mariya", "Marija", "Мария", true),
    ("Yelena", "Elena", "Jelena", "Елена", true),
    ("Tatiana", "Tatyana", "Taťjana", "Татьяна", true),
    ("Olga", "Olga", "Oľga", "Ольга", true),
];
pub const RU_SURNAMES: &[(&str, &str, &str, &str)] = &[
    ("Ushakov", "Ushakow", "Ušakov", "Ушаков"),
    ("Zhukov", "Zhukow", "Žukov", "Жуков"),
    ("Chernov", "Tchernov", "Černov", "Чернов"),
    ("Shevtsov", "Shevtsow", "Ševcov", "Шевцов"),
    ("Kuznetsov", "Kuznetsow", "Kuzněcov", "Кузнецов"),
    ("Zhdanov", "Jdanov", "Ždanov", "Жданов"),
    ("Shirokov", "Schirokow", "Širokov", "Широков"),
    ("Grachev", "Gratchev", "Gračev", "Грачев"),
    ("Kozhin", "Koschin", "Kožin", "Кожин"),
    ("Yershov", "Ershov", "Jeršov", "Ершов"),
    ("Belyakov", "Beliakov", "Běljakov", "Беляков"),
    ("Chistyakov", "Tchistiakov", "Čisťakov", "Чистяков"),
];
/// (as written, ASCII spelling)
pub const WEST_GIVEN: &[(&str, &str)] = &[
    ("Steven", "Steven"),
    ("Laura", "Laura"),
    ("Michael", "Michael"),
    ("Anne", "Anne"),
    ("Thomas", "Thomas"),
    ("Claire", "Claire"),
    ("Jürgen", "Juergen"),
    ("Élodie", "Elodie"),
    ("José", "Jose"),
    ("Søren", "Soren"),
    ("Zoë", "Zoe"),
    ("Marek", "Marek"),
];
pub const WEST_SURNAMES: &[(&str, &str)] = &[
    ("Whitfield", "Whitfield"),
    ("Harlan", "Harlan"),
    ("Dvořák", "Dvorak"),
    ("Müller", "Mueller"),
    ("Lefèvre", "Lefevre"),
    ("Núñez", "Nunez"),
    ("Østergaard", "Ostergaard"),
    ("Kowalczyk", "Kowalczyk"),
    ("Brennan", "Brennan"),
    ("Okafor", "Okafor"),
    ("Sørensen", "Sorensen"),
    ("Yılmaz", "Yilmaz"),
];
pub const WEST_COUNTRIES: &[&str] = &[
    "United States",
    "United Kingdom",
    "France",
    "Germany",
    "Turkey",
    "Poland",
    "Denmark",
    "Spain",
    "Nigeria",
    "Czech Republic",
    "Ukraine",
    "European Union",
];
pub const GOVERNMENTS: &[&str] = &[
    "Russia",
    "United States",
    "Ukraine",
    "Turkey",
    "Saudi Arabia",
    "Qatar",
    "United Arab Emirates",
    "Hungary",
    "Switzerland",
    "China",
    "Kyrgyzstan",
    "Holy See",
];
pub const BODY_FORMS: &[&str] = &[
    "Government of {}",
    "Foreign ministry of {}",
    "Presidential office of {}",
    "Security council of {}",
];
pub const MEDIA_PLACES: &[&str] = &[
    "Baltic",
    "Northern",
    "Eastern",
    "Capital",
    "Danube",
    "Volga",
    "Atlantic",
    "Continental",
    "Harbour",
    "Steppe",
];
pub const MEDIA_NOUNS: &[&str] = &[
    "Herald",
    "Courier",
    "Wire",
    "Observer",
    "Dispatch",
    "Post",
    "Review",
    "Monitor",
    "Telegraph",
    "Bulletin",
];
/// Outlets that only relay (sources' chains), beside the media actors.
pub const WIRES: &[&str] = &[
    "Meridian Press Agency",
    "Global Newswire",
    "Agence Centrale",
    "Nordpress",
    "Interfax-Sever",
    "Pacific News Service",
    "UrduLine News",
    "Danubian Press",
    "Radio Continental",
    "US media (unnamed)",
];
pub const CITIES: &[&str] = &[
    "Moscow",
    "Washington",
    "Istanbul",
    "Geneva",
    "Riyadh",
    "Doha",
    "Abu Dhabi",
    "Budapest",
    "Vienna",
    "Helsinki",
    "Kyiv",
    "Bishkek",
];
pub const TOPICS: &[&str] = &[
    "a prisoner exchange",
    "a ceasefire proposal",
    "grain exports",
    "strikes on energy infrastructure",
    "sanctions relief",
    "a 28-point peace plan",
    "nuclear plant safety",
    "humanitarian corridors",
    "the return of deported children",
    "a summit agenda",
    "embassy staffing",
    "frozen central-bank assets",
    "Black Sea shipping",
    "security guarantees",
];
pub const SENTENCES: &[&str] = &[
    "We discussed {t} in detail.",
    "There was no agreement on {t}.",
    "The conversation touched on {t}, among other things.",
    "Nothing of the kind took place.",
    "I can confirm that contacts on {t} continue at the working level.",
    "These reports are misinformation designed to undermine the process.",
    "It was a constructive exchange, and we agreed to stay in touch.",
    "Our position on {t} has not changed.",
    "Any talk of {t} is premature.",
    "The recordings, if genuine, show only routine diplomacy.",
    "We will not comment on private conversations.",
    "Both sides agreed that {t} needs a solution before the winter.",
    "That is a fake, and a crude one.",
    "According to people familiar with the matter, {t} was raised twice.",
    "The proposal on {t} was passed on through an intermediary.",
    "He said the other side “understood the urgency” of {t}.",
    "Officials declined to say who had initiated the contact.",
    "The channel has been used before, most recently in the spring.",
];
pub const NO_COMMENT: &[&str] = &[
    "No comment.",
    "We have nothing to add.",
    "I will not comment on that.",
    "We do not discuss such matters publicly.",
];
pub const ROLES_OFFICIAL: &[&str] = &[
    "Foreign minister",
    "Deputy foreign minister",
    "Presidential aide for foreign policy",
    "Special envoy",
    "Spokeswoman, foreign ministry",
    "National security adviser",
    "Ambassador",
    "Head of the sovereign wealth fund",
    "Press secretary",
];
pub const ROLES_FORMER: &[&str] = &[
    "Former ambassador",
    "Former deputy secretary of state",
    "Former intelligence officer",
    "Former national security official",
];
pub const ROLES_PRIVATE: &[&str] = &[
    "Businessman",
    "Think-tank director",
    "Academic",
    "Lawyer",
    "Investor",
];
