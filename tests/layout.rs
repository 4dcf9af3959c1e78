//! The source tree follows the pipeline: `article` → `engine` → `story` →
//! `output` / `eval`, with `error`, `summary` and `progress` shared by all,
//! and the command line (`main.rs`, `cli/`) on top. This test reads the `use`
//! lines and inline `crate::…`/`super::…` paths of every file under `src/`
//! (test modules left out) and fails when a stage uses a later one, or when
//! any two files use each other, directly or round a longer loop.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module path of each file: `src/engine/tag/mod.rs` → `engine::tag`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments, string literals and its test module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'"' {
            // skip a string literal (escapes included); raw strings hold no quotes here
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // a char literal such as '"' or '\''
            let end = text[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e + 1);
            let end = if b[i + 1] == b'\\' {
                text[i + 3..].find('\'').map_or(b.len(), |e| i + 3 + e + 1)
            } else {
                end
            };
            out.push_str("' '");
            i = end;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    // drop renames (`x as y`), then white space
    let mut words: Vec<&str> = tree.split_whitespace().collect();
    while let Some(i) = words.iter().position(|w| *w == "as") {
        let renamed = words
            .get(i + 1)
            .map_or("", |w| w.trim_start_matches(char::is_alphanumeric));
        let renamed = renamed.trim_start_matches('_');
        words.splice(i..(i + 2).min(words.len()), [renamed]);
    }
    let tree: String = words.concat();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |x| format!("{prefix}{x}")))
        .collect()
}

/// Every path the code names: `use` trees and inline `crate::`/`super::` paths.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
        let after = &rest[i + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if before_ok {
            out.extend(expand(&after[..end]));
        }
        rest = &after[if before_ok { end } else { 0 }..];
    }
    for anchor in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(anchor) {
            let s = at + i;
            let end = code[s..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| s + e);
            // `super::{a, b}` is a use tree, read above
            if !code[s..end].ends_with("::") {
                out.push(code[s..end].to_string());
            }
            at = end;
        }
    }
    out
}

/// The module a path lands in: the longest prefix that is a module.
fn resolve(
    path: &str,
    here: &[String],
    is_dir_module: bool,
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (mut base, rest): (Vec<String>, &[&str]) = match segs.first() {
        Some(&"crate") => (Vec::new(), &segs[1..]),
        Some(&"super") => {
            // `super` of `a::b` (b.rs) is `a`; of `a` (a/mod.rs) also `a`'s parent
            let mut b = here.to_vec();
            let mut n = segs.iter().take_while(|s| **s == "super").count();
            if !is_dir_module && !b.is_empty() {
                b.pop();
                n -= 1;
            }
            for _ in 0..n {
                b.pop();
            }
            let k = segs.iter().take_while(|s| **s == "super").count();
            (b, &segs[k..])
        }
        Some(&"self") => (here.to_vec(), &segs[1..]),
        Some(first) => {
            // a child module named without `self::` (`use tag::Grammar` in engine/mod.rs)
            let mut child = here.to_vec();
            child.push(first.to_string());
            if is_dir_module && modules.contains(&child) {
                (here.to_vec(), &segs[..])
            } else {
                return None;
            }
        }
        None => return None,
    };
    for s in rest {
        let mut next = base.clone();
        next.push(s.to_string());
        if modules.contains(&next) {
            base = next;
        } else {
            break;
        }
    }
    Some(base)
}

struct Graph {
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    names: BTreeMap<Vec<String>, String>,
}

fn graph(src: &Path, files: &[PathBuf]) -> Graph {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges = BTreeMap::new();
    let mut names = BTreeMap::new();
    for f in files {
        let here = module_of(src, f);
        let is_dir_module = matches!(
            f.file_name().and_then(|n| n.to_str()),
            Some("mod.rs" | "lib.rs" | "main.rs")
        );
        let text = fs::read_to_string(f).unwrap();
        let mut to = BTreeSet::new();
        for p in paths(&code(&text)) {
            if let Some(m) = resolve(&p, &here, is_dir_module, &modules)
                && m != here
            {
                to.insert(m);
            }
        }
        names.insert(
            here.clone(),
            f.strip_prefix(src).unwrap().display().to_string(),
        );
        edges.insert(here, to);
    }
    Graph { edges, names }
}

/// Strongly connected components of more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        n: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a Vec<String>) {
        t.index.insert(v, t.n);
        t.low.insert(v, t.n);
        t.n += 1;
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in &g.edges[v] {
            if !g.edges.contains_key(w) {
                continue;
            }
            let w = g.edges.get_key_value(w).unwrap().0;
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(w);
                comp.push(g.names[w].clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        n: 0,
        out: Vec::new(),
    };
    for v in g.edges.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The stage of a library module, by its top folder; shared modules are 0.
fn stage(m: &[String]) -> Option<usize> {
    match m.first().map(String::as_str) {
        None | Some("error" | "summary" | "progress") => Some(0),
        Some("article") => Some(1),
        Some("engine") => Some(2),
        Some("story") => Some(3),
        Some("output") | Some("eval") => Some(4),
        Some("cli") => Some(5),
        Some(_) => None,
    }
}

fn library() -> (PathBuf, Vec<PathBuf>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|f| {
        let rel = f.strip_prefix(&src).unwrap();
        rel != Path::new("main.rs") && !rel.starts_with("cli")
    });
    files.sort();
    (src, files)
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let (src, files) = library();
    let g = graph(&src, &files);
    let found = cycles(&g);
    assert!(found.is_empty(), "modules that use each other: {found:#?}");
}

#[test]
fn the_command_line_has_no_cycles_either() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("main.rs")];
    rust_files(&src.join("cli"), &mut files);
    let g = graph(&src, &files);
    let found = cycles(&g);
    assert!(
        found.is_empty(),
        "cli modules that use each other: {found:#?}"
    );
}

#[test]
fn each_stage_uses_only_the_stages_before_it() {
    let (src, files) = library();
    let g = graph(&src, &files);
    let mut wrong = Vec::new();
    for (from, tos) in &g.edges {
        let Some(a) = stage(from) else {
            wrong.push(format!("{} is in no stage folder", g.names[from]));
            continue;
        };
        for to in tos {
            // the crate root only declares modules and re-exports
            if from.is_empty() {
                continue;
            }
            let b = stage(to).unwrap_or(usize::MAX);
            let sibling = a > 0 && from.first() != to.first() && a == b;
            if b > a || sibling || to.is_empty() {
                wrong.push(format!("{} uses {}", g.names[from], to.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "uses against the pipeline: {wrong:#?}");
}

#[test]
fn the_reader_sees_what_a_file_uses() {
    // the parser this test relies on, on the shapes the code uses
    let p = paths(&code(
        "use crate::a::{b, c::{d, e as f}};\nfn x() { super::g::h(); }\n// crate::z::y\n",
    ));
    assert!(p.contains(&"crate::a::b".to_string()), "{p:?}");
    assert!(p.contains(&"crate::a::c::d".to_string()), "{p:?}");
    assert!(p.contains(&"crate::a::c::e".to_string()), "{p:?}");
    assert!(p.contains(&"super::g::h".to_string()), "{p:?}");
    assert!(
        !p.iter().any(|x| x.contains('z')),
        "comments are not code: {p:?}"
    );
    let modules: BTreeSet<Vec<String>> = [vec![], vec!["a".into()], vec!["a".into(), "c".into()]]
        .into_iter()
        .collect();
    assert_eq!(
        resolve("crate::a::c::d", &[], true, &modules),
        Some(vec!["a".to_string(), "c".to_string()])
    );
    assert_eq!(
        resolve("super::c::X", &["a".into(), "b".into()], false, &modules),
        Some(vec!["a".to_string(), "c".to_string()])
    );
}
