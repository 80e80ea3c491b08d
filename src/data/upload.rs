//! Records handed over as bytes rather than paths (uploads to `jidi serve`): files read exactly
//! as the same files on disk, a CSV file's sidecars (`申报.事件.csv`) taken from the same upload.

use super::sheet::{self, placement, Placement};
use super::{excerpted, read_source, Loaded};
use crate::check::ir::Policy;
use crate::diag::catalogue::unreadable;
use crate::diag::Diagnostic;
use crate::source::Source;

/// One uploaded file: the name it is reported under, and its bytes.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads uploaded files, one list of records per file in the order given; a CSV sidecar whose
/// main file is in the upload is read with it and yields no list of its own.
pub fn load_files(policy: &Policy, files: &[File]) -> Vec<Vec<Loaded>> {
    files
        .iter()
        .filter(|f| main_of(policy, f, files).is_none())
        .map(|f| {
            load_one(policy, f, files)
                .into_iter()
                .map(excerpted)
                .collect()
        })
        .collect()
}

/// `(name without extension, extension)`, the extension in lower case.
fn split(name: &str) -> (&str, String) {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext.to_ascii_lowercase()),
        _ => (name, String::new()),
    }
}

/// For a CSV sidecar (`申报.事件.csv` of a list or map input), its main file in the upload.
fn main_of<'f>(policy: &Policy, file: &File, files: &'f [File]) -> Option<&'f File> {
    let (stem, ext) = split(&file.name);
    if ext != "csv" {
        return None;
    }
    let (base, input) = stem.rsplit_once('.')?;
    let side = policy
        .input_index(input)
        .and_then(|i| policy.inputs.get(i))
        .is_some_and(|i| placement(&i.ty) != Placement::Column);
    let main = format!("{base}.csv");
    files
        .iter()
        .find(|f| side && split(&f.name).1 == "csv" && f.name.eq_ignore_ascii_case(&main))
}

fn load_one(policy: &Policy, file: &File, files: &[File]) -> Vec<Loaded> {
    let (stem, ext) = split(&file.name);
    if sheet::EXTENSIONS.contains(&ext.as_str()) && ext != "csv" {
        return sheet::load_workbook(policy, &file.name, file.bytes.clone());
    }
    if ext == "csv" {
        let text = match sheet::decode_text(file.bytes.clone()) {
            Ok(t) => t,
            Err(e) => return unreadable(&file.name, unreadable::cannot_read(&file.name, e)),
        };
        let mut sidecars = Vec::new();
        for input in &policy.inputs {
            if placement(&input.ty) == Placement::Column {
                continue;
            }
            let name = format!("{stem}.{}.csv", input.name);
            if let Some(side) = files.iter().find(|f| f.name.eq_ignore_ascii_case(&name)) {
                match sheet::decode_text(side.bytes.clone()) {
                    Ok(t) => sidecars.push((input.name.clone(), side.name.clone(), t)),
                    Err(e) => {
                        return unreadable(&file.name, unreadable::cannot_read(&side.name, e))
                    }
                }
            }
        }
        let sides: Vec<(&str, &str, &str)> = sidecars
            .iter()
            .map(|(i, n, t)| (i.as_str(), n.as_str(), t.as_str()))
            .collect();
        return sheet::load_csv(policy, &file.name, &text, &sides);
    }
    match Source::from_bytes(&file.name, file.bytes.clone()) {
        Ok(source) => read_source(policy, &source),
        Err(e) => unreadable(&file.name, unreadable::cannot_read(&file.name, e)),
    }
}

fn unreadable(name: &str, message: Diagnostic) -> Vec<Loaded> {
    vec![Loaded {
        source: Source::new(name, ""),
        index: 0,
        name: None,
        record: None,
        diagnostics: vec![message.help(unreadable::save_as())],
    }]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    const MAIN: &str =
        "名称,申报类型,营业收入（万元）\n甲园,示范基地,2000000\n乙园,产业基地,800000\n";
    const EVENTS: &str = "名称,类型,级别,日期\n甲园,生产安全事故,重大,2024-01-01\n乙园,无,,\n";

    fn shipped() -> Policy {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("policies/sichuan-2023-draft.jidi");
        crate::check::check(&Source::read(&path).unwrap())
            .policy
            .expect("the shipped policy checks")
    }

    #[test]
    fn an_upload_reads_as_the_same_files_on_disk_sidecars_included() {
        let p = shipped();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("申报.csv"), MAIN).unwrap();
        std::fs::write(dir.path().join("申报.事件.csv"), EVENTS).unwrap();
        let on_disk: Vec<Loaded> = crate::data::expand(&[dir.path().to_path_buf()])
            .iter()
            .flat_map(|f| crate::data::load_file(&p, f))
            .collect();
        let files = [
            File {
                name: "申报.事件.csv".into(),
                bytes: EVENTS.as_bytes().to_vec(),
            },
            File {
                name: "申报.csv".into(),
                bytes: MAIN.as_bytes().to_vec(),
            },
        ];
        let uploaded = load_files(&p, &files);
        assert_eq!(uploaded.len(), 1, "the sidecar is read with its main file");
        let records = |l: &[Loaded]| l.iter().map(|x| x.record.clone()).collect::<Vec<_>>();
        assert_eq!(records(&uploaded[0]), records(&on_disk));
        assert_eq!(uploaded[0].len(), 2);
        assert!(uploaded[0].iter().all(|l| l.record.is_some()));
    }

    #[test]
    fn an_upload_that_is_not_text_is_one_located_error() {
        let p = shipped();
        let files = [File {
            name: "x.json".into(),
            bytes: vec![b'{', 0xff, b'}'],
        }];
        let loaded = load_files(&p, &files);
        let item = &loaded[0][0];
        assert!(item.record.is_none());
        assert_eq!(item.diagnostics[0].code, "jidi::record::unreadable");
        assert!(item.diagnostics[0]
            .message
            .en()
            .contains("not valid UTF-8 at line 1, column 2"));
    }
}
