//! Several news items in one text file: a CSV export of a feed or a news dataset (a
//! header row naming a title column and a text or summary column, usually a date) is
//! read as one section per item — the title as a heading, the date as a dateline, the
//! text as paragraphs — so each item's dates are read against its own date and no item
//! runs into the next.

use crate::persian::fold::fold_text;

use super::csv::csv_records;

/// One item of a feed, its fields as the file gives them (not yet repaired).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    pub title: String,
    /// The date cell as written; empty when the feed has no date column.
    pub date: String,
    /// Summary, then body, when present and different.
    pub texts: Vec<String>,
}

/// Column names (folded, lower case) of a title.
const TITLE: [&str; 5] = ["title", "headline", "عنوان", "تیتر", "سرخط"];
/// Column names of the text, in reading order: a summary or lead first, then the body.
const TEXT: [&str; 14] = [
    "summary",
    "lead",
    "abstract",
    "description",
    "خلاصه",
    "لید",
    "text",
    "body",
    "content",
    "article",
    "news",
    "متن",
    "متنخبر",
    "محتوا",
];
/// Column names of the publication date.
const DATE: [&str; 9] = [
    "date",
    "datetime",
    "published",
    "publish_date",
    "pubdate",
    "published_at",
    "time",
    "تاریخ",
    "تاریخانتشار",
];

/// Fewest items for a text to be read as a feed.
const MIN_ITEMS: usize = 1;

/// The items of `text` when it is a CSV feed (a header naming a title and a text column,
/// then at least one row), else `None`.
pub fn feed_items(text: &str) -> Option<Vec<FeedItem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next()?;
    // A header row is short and holds the delimiter.
    if first.chars().count() > 400 {
        return None;
    }
    let delimiter = [',', '\t', ';']
        .into_iter()
        .max_by_key(|d| first.matches(*d).count())
        .filter(|d| first.contains(*d))?;
    let names: Vec<String> = first
        .split(delimiter)
        .map(|h| fold_text(h.trim().trim_matches('"')).to_lowercase())
        .collect();
    let find = |set: &[&str]| names.iter().position(|n| set.contains(&n.as_str()));
    let title = find(&TITLE)?;
    let texts: Vec<usize> = TEXT
        .iter()
        .filter_map(|t| names.iter().position(|n| n == t))
        .collect();
    if texts.is_empty() {
        return None;
    }
    let date = find(&DATE);
    let records = csv_records(text, delimiter).ok()?;
    let items: Vec<FeedItem> = records
        .iter()
        .skip(1)
        .filter_map(|(_, row)| {
            let cell = |i: usize| row.get(i).map_or("", |s| s.trim());
            let mut bodies: Vec<String> = Vec::new();
            for &i in &texts {
                let t = cell(i);
                if !t.is_empty() && !bodies.iter().any(|b| b == t) {
                    bodies.push(t.to_owned());
                }
            }
            let item = FeedItem {
                title: cell(title).to_owned(),
                date: date.map_or("", cell).to_owned(),
                texts: bodies,
            };
            (!item.title.is_empty() || !item.texts.is_empty()).then_some(item)
        })
        .collect();
    (items.len() >= MIN_ITEMS).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_feeds_become_items() {
        let feed = "\u{feff},id,title,summary,category,date,link\n\
            0,11,قیمت نان گران شد,به گفته مسئولان قیمت نان افزایش یافت.,اقتصادی,1402-08-09 08:15:02+0330,https://example.com/a\n\
            1,12,\"تیم ملی، قهرمان شد\",\"تیم ملی والیبال، دیروز قهرمان شد.\nبازیکنان شادی کردند.\",ورزشی,1402-08-09 08:20:00+0330,https://example.com/b\n";
        let items = feed_items(feed).unwrap_or_else(|| panic!("a feed"));
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title, "قیمت نان گران شد");
        assert_eq!(items[0].date, "1402-08-09 08:15:02+0330");
        assert_eq!(items[0].texts, ["به گفته مسئولان قیمت نان افزایش یافت."]);
        assert_eq!(
            items[1].title, "تیم ملی، قهرمان شد",
            "quoted cell with a comma"
        );
        assert_eq!(
            items[1].texts[0],
            "تیم ملی والیبال، دیروز قهرمان شد.\nبازیکنان شادی کردند."
        );
        // Persian column names and tabs.
        let fa = "عنوان\tمتن خبر\tتاریخ\nخبر اول\tمتن اول.\t۱۴۰۳/۰۱/۰۱\n";
        let items = feed_items(fa).unwrap_or_else(|| panic!("a Persian-headed feed"));
        assert_eq!(
            items,
            [FeedItem {
                title: "خبر اول".into(),
                date: "۱۴۰۳/۰۱/۰۱".into(),
                texts: vec!["متن اول.".into()]
            }]
        );
    }

    #[test]
    fn prose_is_not_a_feed() {
        for text in [
            "عنوان خبر\nتاریخ انتشار: ۱۴۰۲/۱۱/۰۳\nمتن خبر، با ویرگول، و جمله‌ای دیگر.",
            "title, text and date are words in a sentence, not a header\nsecond line",
            "start,label\n2020,x\n",
            "",
            "title,summary\n",
            "title,summary\n\"open",
        ] {
            assert_eq!(feed_items(text), None, "{text:?}");
        }
    }
}
