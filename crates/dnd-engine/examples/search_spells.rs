//! Search the SRD: low-level evocation spells, a misspelt name, and autocomplete.
//! `cargo run -p dnd-engine --example search_spells`

use std::borrow::Cow;

use dnd_engine::Engine;
use dnd_engine::core::rules::Rules;
use dnd_engine::store::{Filter, SearchRequest, Sort};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let e = Engine::open_in_memory(Cow::Borrowed(Rules::srd()))?;
    let viewer = e.viewer()?;
    let mut req = SearchRequest::new("", viewer.clone());
    req.kinds = vec!["spell".into()];
    req.filters = vec![
        Filter::parse("level<=3")?,
        Filter::parse("school=evocation")?,
    ];
    req.sort = Sort::Level;
    req.limit = 5;
    let found = e.search(&req)?;
    println!(
        "{} evocation spells of level 3 or lower; the first five:",
        found.total
    );
    for h in &found.hits {
        println!(
            "  {} (level {})",
            h.name,
            h.facets.level.unwrap_or_default()
        );
    }
    let typo = e.search(&SearchRequest::new("firebal", viewer.clone()))?;
    println!("firebal → {}", typo.hits[0].name);
    let names: Vec<String> = e
        .suggest("magic m", &viewer, &[], 3)?
        .into_iter()
        .map(|s| s.name)
        .collect();
    println!("magic m… → {}", names.join(", "));
    Ok(())
}
