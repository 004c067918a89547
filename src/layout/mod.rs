//! Picture maths for the timeline and the network: scales, ticks, spans,
//! node positions and label placement. Pure; the SVG lives in `ui::charts`.

pub mod network;
pub mod timeline;
pub mod window;
