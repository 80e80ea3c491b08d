//! The workbench as a person uses it, in headless Chromium driven over the DevTools protocol:
//! load the page, upload a workbook through the file input, read the verdict table, open a park,
//! change a threshold and see the parks that flip, switch to English. Screenshots are kept under
//! `target/tmp/serve-browser/`.
//!
//! Chromium is found, started and driven by `tests/common/browser.rs`. Without it the test says
//! so and passes, except in CI; `scripts/ci-setup.sh` installs it.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

mod common;
#[path = "support/server.rs"]
mod server;

use serde_json::{json, Value as Json};
use server::{root, Server};
use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_workbench_judges_an_uploaded_workbook_and_shows_the_parks_a_threshold_flips() {
    let Some(browser) = common::browser::for_test("the workbench browser test") else {
        return;
    };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-browser");
    std::fs::create_dir_all(&out).unwrap();
    let book = out.join("申报表.xlsx");
    let made = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .args(["template", "policies/sichuan-2023-draft.jidi", "-o"])
        .arg(&book)
        .args(["--fill", "examples/"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(made.status.success());
    // What the command line says of the same workbook.
    let cli = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .args([
            "eval",
            "--format",
            "json",
            "policies/sichuan-2023-draft.jidi",
        ])
        .arg(&book)
        .current_dir(root())
        .output()
        .unwrap();
    let expected: Vec<(String, String)> = serde_json::from_slice::<Json>(&cli.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect();

    let server = Server::start(&[
        "policies/sichuan-2023-draft.jidi",
        "policies/sichuan-2015.jidi",
    ]);
    let (_browser, ws) = common::browser::launch(&browser);
    let mut cdp = common::browser::Cdp::connect(&ws);
    let target = cdp.call("Target.createTarget", json!({"url": server.at("/#apps")}));
    let attached = cdp.call(
        "Target.attachToTarget",
        json!({"targetId": target["targetId"], "flatten": true}),
    );
    cdp.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
    );
    cdp.wait(
        "document.readyState === 'complete' && document.querySelectorAll('#threshold option').length > 0",
        "the page and its policy",
    );
    assert_eq!(
        cdp.eval("document.querySelector('[data-tab=apps]').textContent"),
        "申报评审"
    );

    // Upload the workbook through the file input, as a person picks a file.
    let root_node = cdp.call("DOM.getDocument", json!({}));
    let input = cdp.call(
        "DOM.querySelector",
        json!({"nodeId": root_node["root"]["nodeId"], "selector": "#records"}),
    );
    cdp.call(
        "DOM.setFileInputFiles",
        json!({"nodeId": input["nodeId"], "files": [book.to_str().unwrap()]}),
    );
    cdp.wait(
        &format!(
            "document.querySelectorAll('#verdicts tbody tr').length === {}",
            expected.len()
        ),
        "the verdict table",
    );
    let shown: Vec<(String, String)> = serde_json::from_value(cdp.eval(
        "Array.from(document.querySelectorAll('#verdicts tbody tr')).map(r => [r.dataset.name, r.dataset.verdict])",
    ))
    .unwrap();
    assert_eq!(
        shown, expected,
        "the page shows the command line's verdicts"
    );
    assert_eq!(
        cdp.eval("document.querySelector('#verdicts tbody tr[data-name=\"德阳旌东重型装备产业园\"] .verdict').textContent"),
        "不符合"
    );

    // Open a park: every rule with its article, figure, threshold and margin.
    cdp.eval("document.querySelector('#verdicts tbody tr[data-name=\"德阳旌东重型装备产业园\"]').click(); true");
    cdp.wait(
        "document.querySelectorAll('#park tbody tr').length > 20",
        "the park's rules",
    );
    let row: Vec<String> = serde_json::from_value(cdp.eval(
        "Array.from(document.querySelectorAll('#park tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent)).find(c => c[0] === '工业用地地均收入')",
    ))
    .unwrap();
    assert_eq!(row[3], "附件 指标3");
    assert_eq!(row[4], "3800 万元/公顷");
    assert_eq!(row[5], "≥ 4000 万元/公顷");
    assert_eq!(row[6], "-200 万元/公顷");
    cdp.screenshot(&out.join("applications.png"));

    // What-if: 工业用地地均收入 for 示范基地 at 3500 万元/公顷 flips 德阳 to eligible.
    cdp.eval(
        "document.querySelector('[data-tab=whatif]').click();
         const s = document.getElementById('threshold');
         s.value = Array.from(s.options).find(o => o.text.startsWith('工业用地地均收入 [示范基地]')).value;
         document.getElementById('threshold-value').value = '3500 万元/公顷';
         document.getElementById('add-threshold').click(); true",
    );
    cdp.wait(
        "document.querySelectorAll('#flips tbody tr').length > 0",
        "the flips",
    );
    let flips: Vec<(String, String, String)> = serde_json::from_value(cdp.eval(
        "Array.from(document.querySelectorAll('#flips tbody tr')).map(r => [r.dataset.name, r.dataset.before, r.dataset.after])",
    ))
    .unwrap();
    assert_eq!(
        flips,
        [(
            "德阳旌东重型装备产业园".to_string(),
            "not_eligible".to_string(),
            "eligible".to_string()
        )]
    );
    assert!(cdp
        .eval("document.querySelector('#flips tbody').textContent")
        .as_str()
        .unwrap()
        .contains("附件 指标3"));
    cdp.screenshot(&out.join("whatif.png"));

    // Versions: the 2015 measure against the 2023 draft over the same upload.
    cdp.eval(
        "document.querySelector('[data-tab=versions]').click();
         document.getElementById('old').value = 'sichuan-2015';
         document.getElementById('new').value = 'sichuan-2023-draft';
         document.getElementById('compare').click(); true",
    );
    cdp.wait(
        "document.querySelectorAll('#record-changes tbody tr').length > 0",
        "the changed records",
    );
    assert!(cdp
        .eval("document.querySelector('#record-changes tbody').textContent")
        .as_str()
        .unwrap()
        .contains("附件 指标3"));

    // Bases: a history uploaded, its status on a date, with the article that decides it.
    cdp.eval("document.querySelector('[data-tab=bases]').click(); document.getElementById('as-of').value = '2026-11-27'; true");
    let root_node = cdp.call("DOM.getDocument", json!({}));
    let input = cdp.call(
        "DOM.querySelector",
        json!({"nodeId": root_node["root"]["nodeId"], "selector": "#histories"}),
    );
    let history = root().join("histories/04-撤销-重大事故.json");
    cdp.call(
        "DOM.setFileInputFiles",
        json!({"nodeId": input["nodeId"], "files": [history.to_str().unwrap()]}),
    );
    cdp.wait(
        "document.querySelectorAll('#timelines tbody tr').length === 1",
        "the timeline",
    );
    assert_eq!(
        cdp.eval("document.querySelector('#timelines tbody tr').dataset.status"),
        "revoked"
    );
    assert!(cdp
        .eval("document.querySelector('#timelines tbody').textContent")
        .as_str()
        .unwrap()
        .contains("第二十四条"));

    // Edit: a mistake typed into the policy shows the checker's error as one types.
    cdp.eval(
        "document.querySelector('[data-tab=edit]').click();
         const a = document.getElementById('source');
         a.value = a.value.replace('示范基地 constraint >= 4000 万元/公顷', '示范基地 constraint >= 4000 公顷');
         a.dispatchEvent(new Event('input')); true",
    );
    cdp.wait(
        "document.querySelectorAll('#diagnostics li.error').length > 0",
        "the error",
    );
    assert_eq!(cdp.eval("document.getElementById('save').disabled"), true);
    cdp.screenshot(&out.join("edit.png"));

    // English, and the measure view with its articles.
    cdp.eval("document.getElementById('lang').click(); document.querySelector('[data-tab=measure]').click(); true");
    cdp.wait(
        "document.querySelector('[data-tab=apps]').textContent === 'Applications'",
        "English",
    );
    cdp.wait(
        "(document.getElementById('doc').contentDocument || {body: null}).body !== null && document.getElementById('doc').contentDocument.body.textContent.includes('Articles no rule encodes')",
        "the measure view in English",
    );
    assert!(cdp
        .eval(
            "document.getElementById('doc').contentDocument.body.textContent.includes('第十二条')"
        )
        .as_bool()
        .unwrap());
    cdp.screenshot(&out.join("measure.png"));
    eprintln!("workbench screenshots: {}", out.display());
}
