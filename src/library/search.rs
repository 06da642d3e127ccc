//! Full-text search over the library with tantivy: one document per block (heading,
//! paragraph, pull quote) holding its article's id, its index and id in the article, and
//! its text, tokenized by [`super::tokenizer::FaTokenizer`]. A hit gives the byte range of
//! the match in the block's text (found again with the find bar's folding), so a view can
//! open the article at the match and highlight it.

use std::ops::Range;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing,
    TextOptions, Value as _,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::tokenizer::{self, FaTokenizer};
use crate::model::Article;
use crate::persian::fold;

/// Memory the index writer may use per thread before it flushes a segment, in bytes
/// (tantivy's minimum is 15 MB).
const WRITER_BYTES_PER_THREAD: usize = 40 << 20;

/// Characters of context on each side of a match in a snippet.
pub const SNIPPET_CONTEXT_CHARS: usize = 60;

/// The search index in the library's `search/` folder.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

#[derive(Clone, Copy)]
struct Fields {
    article: Field,
    block: Field,
    block_id: Field,
    text: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let article = b.add_text_field("article", STRING | STORED);
    let block = b.add_u64_field("block", STORED | INDEXED);
    let block_id = b.add_text_field("block_id", STORED);
    let text = b.add_text_field(
        "text",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer::NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    (
        b.build(),
        Fields {
            article,
            block,
            block_id,
            text,
        },
    )
}

/// A block that matched a query.
#[derive(Clone, Debug, PartialEq)]
pub struct RawHit {
    pub article: String,
    /// Index of the block in its article.
    pub block: usize,
    pub block_id: String,
    /// The block's text.
    pub text: String,
    /// tantivy's BM25 score.
    pub score: f32,
}

impl SearchIndex {
    /// Opens the index in `dir`, checking that it can be read.
    ///
    /// # Errors
    /// When the folder holds no index, or one that cannot be read (corrupt, another
    /// schema).
    pub fn open(dir: &Path) -> tantivy::Result<Self> {
        let index = Index::open_in_dir(dir)?;
        let (want, fields) = schema();
        if index.schema() != want {
            return Err(tantivy::TantivyError::SchemaError(
                "the index was made with another schema".to_owned(),
            ));
        }
        Self::with(index, fields)
    }

    /// Makes a new, empty index in `dir`, removing whatever the folder held.
    ///
    /// # Errors
    /// When the folder cannot be cleared or written.
    pub fn create(dir: &Path) -> tantivy::Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        Self::with(index, fields)
    }

    fn with(index: Index, fields: Fields) -> tantivy::Result<Self> {
        index.tokenizers().register(tokenizer::NAME, FaTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            fields,
        })
    }

    /// Number of blocks indexed.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// A writer on `threads` threads; documents added through it are seen after
    /// [`SearchIndex::commit`].
    ///
    /// # Errors
    /// When another writer holds the index's lock (another process adding to the library).
    pub fn writer(&self, threads: usize) -> tantivy::Result<IndexWriter> {
        let threads = threads.clamp(1, 8);
        self.index
            .writer_with_num_threads(threads, threads * WRITER_BYTES_PER_THREAD)
    }

    /// Adds every non-empty block of `article`, stored as `id`.
    ///
    /// # Errors
    /// When the writer has failed.
    pub fn add_article(
        &self,
        writer: &IndexWriter,
        id: &str,
        article: &Article,
    ) -> tantivy::Result<()> {
        for (i, b) in article.blocks.iter().enumerate() {
            if b.text.trim().is_empty() {
                continue;
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(self.fields.article, id);
            doc.add_u64(self.fields.block, i as u64);
            doc.add_text(self.fields.block_id, b.id.as_str());
            doc.add_text(self.fields.text, &b.text);
            writer.add_document(doc)?;
        }
        Ok(())
    }

    /// Number of blocks [`SearchIndex::add_article`] adds for `article`.
    pub fn docs_of(article: &Article) -> u64 {
        article
            .blocks
            .iter()
            .filter(|b| !b.text.trim().is_empty())
            .count() as u64
    }

    /// Removes the blocks of article `id` (seen after the next commit).
    pub fn delete_article(&self, writer: &IndexWriter, id: &str) {
        writer.delete_term(Term::from_field_text(self.fields.article, id));
    }

    /// Commits `writer`'s changes and makes them visible to searches.
    ///
    /// # Errors
    /// When the index cannot be written.
    pub fn commit(&self, writer: &mut IndexWriter) -> tantivy::Result<()> {
        writer.commit()?;
        self.reader.reload()
    }

    /// The blocks matching every word of `query` (see [`query_of`]), best first, at most
    /// `limit` of them.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn search(&self, query: &str, limit: usize) -> tantivy::Result<Vec<RawHit>> {
        let Some(q) = query_of(self.fields.text, query) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |f: Field| {
                doc.get_first(f)
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            };
            out.push(RawHit {
                article: text_of(self.fields.article),
                block: doc
                    .get_first(self.fields.block)
                    .and_then(|v| v.as_u64())
                    .and_then(|b| usize::try_from(b).ok())
                    .unwrap_or(0),
                block_id: text_of(self.fields.block_id),
                text: text_of(self.fields.text),
                score,
            });
        }
        Ok(out)
    }
}

/// The tantivy query for what a reader typed: every word must occur; a word written with
/// a ZWNJ matches itself joined or its parts as a phrase (so «رئیس‌جمهور» finds
/// «رییس جمهور»). `None` when the query holds no word.
fn query_of(field: Field, query: &str) -> Option<Box<dyn Query>> {
    let term = |t: &str| Term::from_field_text(field, t);
    let term_query = |t: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(term(t), IndexRecordOption::WithFreqs))
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for w in tokenizer::words(query) {
        let q: Box<dyn Query> = if w.parts.len() > 1 {
            let phrase = PhraseQuery::new(w.parts.iter().map(|p| term(p)).collect());
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term_query(&w.folded)),
                (Occur::Should, Box::new(phrase)),
            ]))
        } else {
            term_query(&w.folded)
        };
        clauses.push((Occur::Must, q));
    }
    match clauses.len() {
        0 => None,
        1 => clauses.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}

/// Where `query` stands in `text` (a block that matched it): the byte ranges to highlight,
/// the whole query where it occurs as typed (under folding, so spaces and ZWNJs match
/// alike), else each of its words. Empty when nothing is found (a hit through a word's
/// parts spread over the text).
pub fn match_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let folded = fold::fold(text);
    let whole = fold::find_all_folded(text, &folded, &fold::fold(query).text);
    if !whole.is_empty() {
        return whole;
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in tokenizer::words(query) {
        let mut found = fold::find_all_folded(text, &folded, &w.folded);
        if found.is_empty() {
            for p in &w.parts {
                found.extend(fold::find_all_folded(text, &folded, p));
            }
        }
        out.extend(found);
    }
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// A short piece of `text` around `range`: up to [`SNIPPET_CONTEXT_CHARS`] characters on
/// each side, cut at word ends where it can be, with «…» where it was cut. Returns the
/// snippet and the range's place in it.
pub fn snippet(text: &str, range: Range<usize>) -> (String, Range<usize>) {
    let range = range.start.min(text.len())..range.end.min(text.len());
    let mut start = range.start;
    for (n, (i, _)) in text[..range.start].char_indices().rev().enumerate() {
        if n >= SNIPPET_CONTEXT_CHARS {
            break;
        }
        start = i;
    }
    let mut end = range.end;
    for (n, (i, c)) in text[range.end..].char_indices().enumerate() {
        if n >= SNIPPET_CONTEXT_CHARS {
            break;
        }
        end = range.end + i + c.len_utf8();
    }
    // Prefer to cut at a space, unless that loses most of the context.
    if start > 0
        && let Some(s) = text[start..range.start].find(' ')
        && s < (range.start - start) / 2
    {
        start += s + 1;
    }
    if end < text.len()
        && let Some(s) = text[range.end..end].rfind(' ')
        && s > (end - range.end) / 2
    {
        end = range.end + s;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let at = out.len() + (range.start - start);
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    (out, at..at + (range.end - range.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_under_folding() {
        let text = "رئیس‌جمهور آذربایجان، الهام علی‌اف، در سال ۲۰۲۴ گفت.";
        for (query, want) in [
            ("رييسجمهور", vec!["رئیس‌جمهور"]),
            ("علی اف", vec!["علی‌اف"]),
            ("سال 2024", vec!["سال ۲۰۲۴"]),
            ("گفت الهام", vec!["الهام", "گفت"]),
            ("ترکیه", vec![]),
        ] {
            let got: Vec<&str> = match_ranges(text, query)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(got, want, "query «{query}» in «{text}»");
        }
    }

    #[test]
    fn snippets_keep_the_match() {
        let long = format!("{} هدف {}", "آغاز ".repeat(40), "پایان ".repeat(40));
        let at = long.find("هدف").unwrap_or(0);
        let (s, r) = snippet(&long, at..at + "هدف".len());
        assert_eq!(&s[r.clone()], "هدف", "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() < 2 * SNIPPET_CONTEXT_CHARS + 10, "{s}");
        let short = "یک هدف";
        let (s, r) = snippet(short, 5..11);
        assert_eq!((s.as_str(), &s[r]), (short, "هدف"));
    }
}
