//! The index schema and its analyzers: English text (lowercase, ASCII folding, stop words,
//! Porter stemming) for names and bodies, and an unstemmed name field for autocomplete and
//! typo matching.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};

/// The English analyzer (stemmed, stop words removed).
pub const EN: &str = "dnd_en";
/// Names for autocomplete and fuzzy matching: lowercase and ASCII folding only.
pub const PLAIN: &str = "dnd_plain";

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `kind:id`, unique.
    pub key: Field,
    /// The id in its own namespace (pack id, character id, document id).
    pub id: Field,
    /// `rules` or `user`.
    pub class: Field,
    pub kind: Field,
    pub name: Field,
    pub name_plain: Field,
    /// Lowercased whole name (sorting).
    pub name_sort: Field,
    pub body: Field,
    pub level: Field,
    pub cr: Field,
    pub school: Field,
    pub classes: Field,
    pub rarity: Field,
    pub category: Field,
    pub tags: Field,
    pub sources: Field,
    pub owner: Field,
    pub campaign: Field,
    /// Who may see it: `public`, `user:<id>`, `campaign:<id>`.
    pub audience: Field,
    /// The facets as JSON, returned with hits.
    pub facets: Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let idx = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let o = TextOptions::default().set_indexing_options(idx);
    if stored { o.set_stored() } else { o }
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        key: b.add_text_field("key", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        class: b.add_text_field("class", STRING),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        name: b.add_text_field("name", text(EN, true)),
        name_plain: b.add_text_field("name_plain", text(PLAIN, false)),
        name_sort: b.add_text_field("name_sort", STRING | FAST),
        body: b.add_text_field("body", text(EN, true)),
        level: b.add_i64_field("level", INDEXED | FAST),
        cr: b.add_f64_field("cr", INDEXED | FAST),
        school: b.add_text_field("school", STRING | FAST),
        classes: b.add_text_field("class_list", STRING | FAST),
        rarity: b.add_text_field("rarity", STRING | FAST),
        category: b.add_text_field("category", STRING | FAST),
        tags: b.add_text_field("tags", STRING | FAST),
        sources: b.add_text_field("sources", STRING | STORED | FAST),
        owner: b.add_text_field("owner", STRING | STORED),
        campaign: b.add_text_field("campaign", STRING),
        audience: b.add_text_field("audience", STRING),
        facets: b.add_text_field("facets", STORED),
    };
    (b.build(), f)
}

/// The English analyzer: simple word splitting, long tokens dropped, lowercase, ASCII
/// folding, English stop words, Porter stemming.
fn build_english() -> TextAnalyzer {
    let stop = StopWordFilter::new(Language::English)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stop)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Lowercase and ASCII folding, nothing removed.
fn build_plain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The two analyzers, built once (the stop-word set is shared; a clone is cheap).
static ANALYZERS: std::sync::LazyLock<(TextAnalyzer, TextAnalyzer)> =
    std::sync::LazyLock::new(|| (build_english(), build_plain()));

/// The English analyzer (a clone of the one built once).
pub fn english() -> TextAnalyzer {
    ANALYZERS.0.clone()
}

/// The plain analyzer (a clone of the one built once).
pub fn plain() -> TextAnalyzer {
    ANALYZERS.1.clone()
}

/// Registers the analyzers on an index (they are not persisted with it).
pub fn register(index: &Index) {
    index.tokenizers().register(EN, english());
    index.tokenizers().register(PLAIN, plain());
}

/// The tokens an analyzer makes of a text.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut s = analyzer.token_stream(text);
    while s.advance() {
        out.push(s.token().text.clone());
    }
    out
}
