//! Follow-ups and aliases across an article: «وی افزود» and «این مقام تصریح کرد» are
//! claims of the last named speaker; «نیکو افزود» and «سردار نیکو گفت» are the «کاوه
//! نیکو» named before; a role written alone («وزیر نیرو اظهار داشت») is the person named
//! with that role elsewhere («کاوه نیکو وزیر نیرو»), in either order; an outlet reporting
//! what another outlet said keeps both.
//!
//! The [`Resolver`] sees the speakers in reading order and gives each the index of its
//! source; its caller keeps the sources themselves (see `import::extract`). Every lookup
//! is a hash lookup or a scan of the person sources that share a surname, so one source
//! cited many times stays linear.

use std::collections::HashMap;

use crate::persian::fold::fold_text;

use super::Speaker;
use super::names::{is_outlet, is_personal, is_role_only, name_tokens};

/// What [`Resolver::resolve`] decided for a speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A new source, with this index (the next one).
    New(usize),
    /// An existing source; the speaker is another way of naming it.
    Same(usize),
    /// An existing source named so far only by its role, now by a person's name: the
    /// caller renames it (the role becomes an alias).
    Named(usize),
}

impl Resolved {
    pub fn index(&self) -> usize {
        match self {
            Resolved::New(i) | Resolved::Same(i) | Resolved::Named(i) => *i,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Entry {
    /// Folded name words without titles («ال» dropped), for surnames; empty unless the
    /// source is a person.
    tokens: Vec<String>,
    /// The folded role, if known.
    role: String,
    /// Named only by a role so far.
    role_only: bool,
    /// A person's name (not an outlet's).
    person: bool,
}

/// Resolves speakers to sources, in reading order.
#[derive(Clone, Debug, Default)]
pub struct Resolver {
    entries: Vec<Entry>,
    /// Folded names, aliases and roles → source index.
    by_key: HashMap<String, usize>,
    /// Surname (last folded token) → person sources with it.
    by_surname: HashMap<String, Vec<usize>>,
    /// The last source that was the subject of a reporting verb, and its block.
    last_subject: Option<(usize, usize)>,
}

/// How many of the latest sources a role is compared with by prefix.
const RECENT: usize = 64;

/// Whether the name words `short` are a suffix of `long`, also when a word of one is
/// written as two in the other («خامنه ای» / «خامنه‌ای»).
fn same_person(long: &[String], short: &[String]) -> bool {
    if short.is_empty() || long.is_empty() {
        return false;
    }
    let s = short.concat();
    (0..long.len()).any(|k| long[k..].concat() == s)
}

/// Surname keys of name words: the last word, and the last two written as one
/// («نیکو زاده» → «نیکوزاده»).
fn surname_keys(tokens: &[String]) -> [Option<String>; 2] {
    let n = tokens.len();
    [
        tokens.last().cloned(),
        (n >= 2).then(|| tokens[n - 2..].concat()),
    ]
}

/// Whether two surnames of at least six letters differ by one letter (inserted, dropped
/// or replaced): a misspelling of the same name within one article.
fn near_surname(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().min(b.len()) < 6 || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let s = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - p - s <= 1
}

fn fold_key(s: &str) -> String {
    fold_text(s).into_owned()
}

impl Resolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// The source of `sp`, standing in block `block`; `continues` when its verb continues
    /// a speech («افزود»), so that a person named for the first time may be the one
    /// speaking so far under a role («مدیر بنیاد گفت … کاوه نیکو افزود»).
    pub fn resolve(&mut self, sp: &Speaker, block: usize, continues: bool) -> Resolved {
        let key = fold_key(&sp.name);
        let alias = fold_key(&sp.alias);
        let role = fold_key(&sp.role);
        let personal = is_personal(&sp.name);
        let role_only = !personal && is_role_only(&sp.name);
        // «الاهرام» after «روزنامه مصری الاهرام»: an outlet is matched by its last words
        // as a person by a surname.
        let tokens = if personal || is_outlet(&sp.name) {
            name_tokens(&sp.name)
        } else {
            Vec::new()
        };
        let found = self
            .by_key
            .get(&key)
            .or_else(|| {
                (!alias.is_empty())
                    .then(|| self.by_key.get(&alias))
                    .flatten()
            })
            .copied()
            .map(Resolved::Same)
            .or_else(|| {
                // «کاوه نیکو وزیر نیرو» after «وزیر نیرو اظهار داشت».
                let i = *self.by_key.get(&role).filter(|_| !role.is_empty())?;
                Some(if self.entries[i].role_only && personal {
                    Resolved::Named(i)
                } else {
                    Resolved::Same(i)
                })
            })
            .or_else(|| {
                {
                    // «نیکو» or «سردار نیکو» after «کاوه نیکو»; «خامنه ای» after «خامنه‌ای».
                    let n = tokens.len();
                    let keys = [
                        tokens.last().cloned(),
                        (n >= 2).then(|| tokens[n - 2..].concat()),
                    ];
                    keys.iter().flatten().find_map(|k| {
                        self.by_surname.get(k)?.iter().rev().copied().find(|&i| {
                            let t = &self.entries[i].tokens;
                            same_person(t, &tokens) || same_person(&tokens, t)
                        })
                    })
                }
                .map(Resolved::Same)
            })
            .or_else(|| {
                // «نواب پوری» after «کاوه نوابپور»: a surname misspelt by one letter,
                // among the latest persons, when only one matches.
                if !personal {
                    return None;
                }
                let ours = surname_keys(&tokens);
                let from = self.entries.len().saturating_sub(RECENT);
                let mut hits = (from..self.entries.len()).filter(|&i| {
                    let e = &self.entries[i];
                    e.person
                        && surname_keys(&e.tokens)
                            .iter()
                            .flatten()
                            .any(|t| ours.iter().flatten().any(|o| near_surname(o, t)))
                });
                let i = hits.next()?;
                hits.next().is_none().then_some(Resolved::Same(i))
            })
            .or_else(|| {
                // «رئیس جمهور» for a source whose role is «رئیس جمهوری»: the last sources
                // with a role that starts with this one (or the other way round).
                if !role_only || key.chars().count() < 6 {
                    return None;
                }
                let from = self.entries.len().saturating_sub(RECENT);
                (from..self.entries.len())
                    .rev()
                    .find(|&i| {
                        let r = &self.entries[i].role;
                        r.chars().count() >= 6
                            && (r.starts_with(&key) || key.starts_with(r.as_str()))
                    })
                    .map(Resolved::Same)
            })
            .or_else(|| {
                // «رئیس پلیس راه … خاطرنشان کرد» right after «کاوه نیکو، … گفت»: a role
                // alone continues the person speaking, if that person's role is unknown.
                let (i, b) = self.last_subject?;
                let e = &self.entries[i];
                (role_only && e.tokens.len() >= 2 && e.role.is_empty() && block <= b + 1)
                    .then_some(Resolved::Same(i))
            });
        let found = found.or_else(|| {
            let (i, b) = self.last_subject?;
            let e = &self.entries[i];
            // «مدیر بنیاد گفت … نیکو گفت»: a bare surname, never named before, is the
            // person introduced under the role now speaking.
            let bare = tokens.len() == 1;
            ((continues || bare) && personal && sp.role.is_empty() && e.role_only && block <= b + 1)
                .then_some(Resolved::Named(i))
        });
        let r = found.unwrap_or(Resolved::New(self.entries.len()));
        let i = r.index();
        if let Resolved::New(_) = r {
            self.entries.push(Entry::default());
        }
        let e = &mut self.entries[i];
        match r {
            Resolved::New(_) => {
                e.person = personal;
                e.role_only = role_only;
                e.tokens.clone_from(&tokens);
                e.role.clone_from(&role);
                if role_only {
                    e.role.clone_from(&key);
                }
            }
            Resolved::Named(_) => {
                e.person = personal;
                e.role_only = false;
                e.tokens.clone_from(&tokens);
            }
            Resolved::Same(_) => {
                if e.role.is_empty() {
                    e.role = if role_only { key.clone() } else { role.clone() };
                }
            }
        }
        if matches!(r, Resolved::New(_) | Resolved::Named(_)) {
            let n = tokens.len();
            let keys = [
                tokens.last().cloned(),
                (n >= 2).then(|| tokens[n - 2..].concat()),
            ];
            for k in keys.into_iter().flatten() {
                self.by_surname.entry(k).or_default().push(i);
            }
        }
        for k in [key, alias, role] {
            if !k.is_empty() {
                self.by_key.entry(k).or_insert(i);
            }
        }
        r
    }

    /// Records that source `i` spoke as the subject of a verb in block `block`.
    pub fn spoke(&mut self, i: usize, block: usize) {
        self.last_subject = Some((i, block));
    }

    /// The source a follow-up («وی افزود») in block `block` refers to: the last subject.
    pub fn follow_up(&self, _block: usize) -> Option<usize> {
        self.last_subject.map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;
    use crate::persian::attribution::Via;

    fn sp(name: &str, role: &str) -> Speaker {
        Speaker {
            range: 0..0,
            name: name.to_owned(),
            alias: String::new(),
            role: role.to_owned(),
            kind: SourceKind::Official,
            via: Via::Subject,
        }
    }

    #[test]
    fn resolves_names() {
        // (speakers in order, the index each resolves to)
        for (seq, want) in [
            (
                vec![("کاوه نیکو", ""), ("نیکو", ""), ("سردار نیکو", "")],
                vec![0, 0, 0],
            ),
            (vec![("حسن الرفاعی", ""), ("رفاعی", "")], vec![0, 0]),
            (
                vec![("وزیر نیرو", ""), ("کاوه نیکو", "وزیر نیرو")],
                vec![0, 0],
            ),
            (vec![("کاوه نیکو", ""), ("وزیر نیرو", "")], vec![0, 0]),
            (vec![("کاوه نیکو", "شهردار"), ("وزیر نیرو", "")], vec![0, 1]),
            (vec![("خبرگزاری پارس", ""), ("روزنامه صبح", "")], vec![0, 1]),
            (vec![("کاوه نیکو", ""), ("مینا نیکو", "")], vec![0, 1]),
            (
                vec![("آیت الله مینا نیکو‌زاده", ""), ("نیکو زاده", "")],
                vec![0, 0],
            ),
            (
                vec![("کاوه نیکو", "رئیس جمهوری"), ("رئیس جمهور", "")],
                vec![0, 0],
            ),
            // A surname misspelt by one letter, or split in two.
            (vec![("مینا نوروزپور", ""), ("نوروزپوز", "")], vec![0, 0]),
            (vec![("مینا نوروزپور", ""), ("نوروض پور", "")], vec![0, 0]),
            (vec![("مینا نوروزپور", ""), ("نوروز پور", "")], vec![0, 0]),
            // Too short to be tolerant.
            (vec![("مینا احمدی", ""), ("محمدی", "")], vec![0, 1]),
        ] {
            let mut r = Resolver::new();
            let got: Vec<usize> = seq
                .iter()
                .map(|(n, role)| {
                    let i = r.resolve(&sp(n, role), 0, false).index();
                    r.spoke(i, 0);
                    i
                })
                .collect();
            assert_eq!(got, want, "sources of {seq:?}");
        }
    }

    #[test]
    fn continuing_speech_names_a_role() {
        let mut r = Resolver::new();
        let a = r.resolve(&sp("مدیر بنیاد", ""), 0, false);
        r.spoke(a.index(), 0);
        let b = r.resolve(&sp("کاوه نیکو", ""), 0, true);
        assert_eq!(
            (a, b),
            (Resolved::New(0), Resolved::Named(0)),
            "مدیر بنیاد … کاوه نیکو افزود"
        );
        r.spoke(0, 0);
        let c = r.resolve(&sp("مینا راد", ""), 1, true);
        assert_eq!(c, Resolved::New(1), "a second person after a named one");
    }

    #[test]
    fn bare_surname_names_a_role() {
        let mut r = Resolver::new();
        let a = r.resolve(&sp("استاندار فارس", ""), 0, false);
        r.spoke(a.index(), 0);
        let b = r.resolve(&sp("نیکو", ""), 0, false);
        assert_eq!(b, Resolved::Named(0), "استاندار فارس گفت … نیکو گفت");
    }
}
