// For a page that embeds the briefing (the "Embed this view" snippet loads
// this file): sizes each iframe marked data-briefing-viewer to the height
// its briefing reports, so the page shows it whole, with no inner scroll.
// Only messages from that very frame, and from the frame's own origin, count.
(function () {
  addEventListener('message', function (e) {
    var data = e.data;
    if (!data || data.type !== 'briefing-viewer:height' || !(data.height > 0)) return;
    var frames = document.querySelectorAll('iframe[data-briefing-viewer]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== e.source) continue;
      var origin;
      try { origin = new URL(frame.src, location.href).origin; } catch (err) { continue; }
      if (origin !== e.origin && origin !== 'null') continue;
      frame.style.height = Math.ceil(Math.min(data.height, 200000)) + 'px';
    }
  });
})();
