//! This project's own word tables: keywords, names, personality and backstory templates,
//! visual traits for image prompts.

pub mod keywords;
pub mod keywords_traits;
pub mod names;
pub mod prose;
pub mod visual;
