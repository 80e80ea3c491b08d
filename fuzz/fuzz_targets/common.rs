// Shared by the evaluation targets: load a record file or a workbook, judge every good record,
// render everything.

/// Loads `bytes` as a record file with extension `ext`, judges every good record and renders the
/// diagnostics, the table and the JSON; checks that no record is lost on the way.
pub fn judge_file(policy: &jidi::check::Policy, ext: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let source = jidi::Source::new(format!("fuzz.{ext}"), text);
    judge_loaded(policy, &jidi::data::load_source(policy, &source));
}

/// Judges every good record of a load and renders the diagnostics, the table and the JSON;
/// checks that no record is lost on the way.
pub fn judge_loaded(policy: &jidi::check::Policy, loaded: &[jidi::data::Loaded]) {
    let several = loaded.len() > 1;
    let mut summary = jidi::report::Summary::default();
    for item in loaded {
        let _ = jidi::diag::render(&item.diagnostics, jidi::i18n::Lang::En, false, 100);
        let _ = item.place(several);
        let has_error = item.diagnostics.iter().any(jidi::Diagnostic::is_error);
        // Nothing lost: a record is either judged or reported as an error, never both, never neither.
        assert_eq!(item.record.is_none(), has_error, "{item:?}");
        let Some(record) = &item.record else { continue };
        let judgement = policy.judge(record);
        assert_eq!(
            judgement,
            policy.judge(record),
            "evaluation is deterministic"
        );
        summary.add(policy, &judgement);
        let _ = jidi::report::json::judgement(policy, &judgement).to_string();
        let _ = jidi::report::table::judgement(policy, &judgement, "fuzz", true, false, jidi::i18n::Lang::En);
    }
    let _ = jidi::report::table::summary(policy, &summary, false, jidi::i18n::Lang::En);
}
