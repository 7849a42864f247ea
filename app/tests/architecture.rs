//! The app's layout, checked: arrows run one way and SQL lives in stores.
//!
//! - Cross-cutting modules (`components`, `error`, `i18n`, `platform`, `shared`) import no
//!   feature.
//! - Inside a feature, pages → server functions (`api`) → store → the rest (types, rules,
//!   formats): a module imports nothing of its own feature from a layer above it.
//! - A feature uses another only through its types and server functions, never its store or
//!   pages.
//! - The module graph has no cycle.
//! - SQL (`sqlx::query…`) is written in stores (and the platform) only.
//!
//! Test modules (`#[cfg(test)] mod tests`) are left out: a test may set up what it needs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CROSS_CUTTING: [&str; 5] = ["components", "error", "i18n", "platform", "shared"];

/// A module of the app: its path (`events::store`) and its code without test modules.
struct Module {
    path: Vec<String>,
    file: PathBuf,
    code: String,
}

fn modules() -> Vec<Module> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let file = entry.unwrap().path();
            if file.is_dir() {
                folders.push(file);
                continue;
            }
            if file.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = file.strip_prefix(&root).unwrap().with_extension("");
            let mut path: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if path
                .last()
                .is_some_and(|last| last == "mod" || last == "lib")
            {
                path.pop();
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code = match text.find("\nmod tests {") {
                // The test module and the attribute line before it.
                Some(tests) => text[..text[..tests].rfind("#[cfg(").unwrap_or(tests)].to_owned(),
                None => text,
            };
            found.push(Module { path, file, code });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Every `crate::…` path a module names, as segments (a `use crate::{a, b::c}` group gives
/// each of its members); `super::…` is resolved against the module's own path.
fn references(module: &Module) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let code = &module.code;
    for (start, _) in code.match_indices("crate::") {
        let before = code[..start].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[start + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for member in group.split(',') {
                found.push(segments(member.trim()));
            }
        } else {
            found.push(segments(rest));
        }
    }
    for (start, _) in code.match_indices("super::") {
        if code[..start].ends_with("use ") && code[start..].starts_with("super::*") {
            continue;
        }
        let mut base = module.path.clone();
        let is_folder_module = module.file.file_name().is_some_and(|name| name == "mod.rs");
        if !is_folder_module {
            base.pop();
        }
        base.pop();
        base.extend(segments(&code[start + "super::".len()..]));
        found.push(base);
    }
    found.retain(|path| !path.is_empty());
    found
}

fn segments(text: &str) -> Vec<String> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end]
        .split("::")
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What a module re-exports (`pub use store::{answer, Cache};`): each name with the path of
/// the module it comes from.
fn re_exports(module: &Module) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for statement in module.code.split(';') {
        let Some(used) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let used: String = used.split_whitespace().collect();
        let (from, names) = match used.split_once("::{") {
            Some((from, names)) => (from, names.trim_end_matches('}')),
            None => match used.rsplit_once("::") {
                Some((from, name)) => (from, name),
                None => continue,
            },
        };
        let mut path = match from.strip_prefix("crate::") {
            Some(absolute) => segments(absolute),
            None => {
                let mut path = module.path.clone();
                path.extend(segments(from.trim_start_matches("self::")));
                path
            }
        };
        if path.is_empty() {
            continue;
        }
        for name in names.split(',').filter(|n| !n.is_empty()) {
            let name = name.rsplit(" as ").next().unwrap_or(name).to_owned();
            found.push((name, path.clone()));
        }
        path.clear();
    }
    found
}

/// The module `reference` points into: the longest known module it starts with, or, for an
/// item a module re-exports, the module the item comes from.
fn resolve(
    reference: &[String],
    known: &BTreeSet<Vec<String>>,
    exported: &BTreeMap<Vec<String>, Vec<String>>,
) -> Option<Vec<String>> {
    let n = (1..=reference.len())
        .rev()
        .find(|n| known.contains(&reference[..*n].to_vec()))?;
    let module = reference[..n].to_vec();
    match reference.get(n) {
        Some(item) => {
            let mut name = module.clone();
            name.push(item.clone());
            Some(exported.get(&name).cloned().unwrap_or(module))
        }
        None => Some(module),
    }
}

/// A module's layer in its feature: 3 pages, 2 server functions, 1 store, 0 the rest.
fn layer(path: &[String]) -> u8 {
    match path.get(1).map(String::as_str) {
        Some("pages" | "page") => 3,
        Some("api") => 2,
        Some("store") => 1,
        _ => 0,
    }
}

fn is_feature(path: &[String]) -> bool {
    path.first()
        .is_some_and(|area| !CROSS_CUTTING.contains(&area.as_str()))
}

#[test]
fn arrows_run_one_way_and_the_module_graph_has_no_cycle() {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.iter().map(|m| m.path.clone()).collect();
    let mut exported: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for module in &modules {
        for (name, from) in re_exports(module) {
            let mut item = module.path.clone();
            item.push(name);
            exported.insert(item, from.clone());
            // A feature's root hands on what it re-exports: an edge, for the cycles.
            graph.entry(module.path.clone()).or_default().insert(from);
        }
    }
    let mut wrong = BTreeSet::new();
    for module in &modules {
        if module.path.is_empty() {
            continue; // lib.rs routes every feature's pages
        }
        for reference in references(module) {
            let Some(target) = resolve(&reference, &known, &exported) else {
                continue;
            };
            let target = &target;
            if target == &module.path || target.is_empty() {
                continue;
            }
            // A module's own children (a folder module's files) are below it.
            if !target.starts_with(&module.path) {
                graph
                    .entry(module.path.clone())
                    .or_default()
                    .insert(target.clone());
            }
            let (from, to) = (module.path.join("::"), target.join("::"));
            let same_area = module.path[0] == target[0];
            if !is_feature(&module.path) {
                if is_feature(target) {
                    wrong.insert(format!("{from} (cross-cutting) imports the feature {to}"));
                }
            } else if same_area {
                if layer(target) > layer(&module.path) {
                    wrong.insert(format!("{from} imports {to}, a layer above it"));
                }
            } else if is_feature(target)
                && matches!(layer(target), 1 | 3)
                && reference
                    .get(1)
                    .is_some_and(|l| l == "store" || l.starts_with("page"))
            {
                // Reaching into another feature's store or pages by path; what its root
                // re-exports is its public interface.
                wrong.insert(format!(
                    "{from} imports another feature's store or pages: {to}"
                ));
            }
        }
    }
    for cycle in cycles(&graph) {
        wrong.insert(format!("a cycle through {}", cycle.join(", ")));
    }
    assert!(
        wrong.is_empty(),
        "{} arrows point the wrong way:\n{}",
        wrong.len(),
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The groups of modules that import each other round in a circle (strongly connected
/// components of more than one module, by Tarjan's algorithm), each as its sorted members.
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    struct Search<'g> {
        graph: &'g BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'g Vec<String>, usize>,
        low: BTreeMap<&'g Vec<String>, usize>,
        stack: Vec<&'g Vec<String>>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Search<'g> {
        fn visit(&mut self, node: &'g Vec<String>) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            for next in self.graph.get(node).into_iter().flatten() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut group = Vec::new();
                while let Some(member) = self.stack.pop() {
                    group.push(member.join("::"));
                    if member == node {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut search = Search {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !search.index.contains_key(node) {
            search.visit(node);
        }
    }
    search.found
}

#[test]
fn sql_is_written_in_stores_only() {
    let outside: Vec<String> = modules()
        .iter()
        .filter(|m| {
            let store = m.path.get(1).is_some_and(|l| l == "store")
                || m.path.first().is_some_and(|a| a == "platform");
            !store
                && (m.code.contains("sqlx::query")
                    || m.code.contains("query_as(")
                    || m.code.contains("query_scalar("))
        })
        .map(|m| m.path.join("::"))
        .collect();
    assert!(outside.is_empty(), "SQL outside the stores: {outside:?}");
}
