//! The panel report as a browser lays it out and prints it: headless Chromium, driven over the
//! DevTools protocol, lays out the report of the shipped examples as printed on A4 (print media,
//! the page's content width) and the test checks one section per park with its verdict, radar
//! charts drawn with a size, and no cell or table that overflows the page — the margin column
//! clipped at the edge was the old fault. It then prints the PDF and counts its pages. A
//! screenshot and the PDF are kept under `target/tmp/report-browser/`.
//!
//! Chromium is found and driven by `tests/common/browser.rs`: without it the test says so and
//! passes, except in CI, where `scripts/ci-setup.sh` installs it.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

mod common;

use base64::Engine;
use common::browser::{self, Cdp};
use common::{root, sichuan};
use jidi::data;
use jidi::i18n::Lang;
use jidi::report::panel::{self, Batch, Context};
use jidi::report::{html, verdict_name};
use serde_json::{json, Value as Json};
use std::path::{Path, PathBuf};

/// A4's width less the page's 14 mm margins on each side (`@page` in the report's style), in
/// CSS pixels: the width a printed page gives the report.
const A4_CONTENT_PX: u32 = 688;

/// Measures the laid-out page from inside: each park's section, verdict and radar chart, and
/// every table cell or table wider than the room it has.
const PROBE: &str = r#"(function () {
  var width = document.documentElement.clientWidth;
  var parks = Array.prototype.slice.call(document.querySelectorAll('section.park')).map(function (s) {
    var svg = s.querySelector('svg.radar');
    var poly = svg ? svg.querySelector('polygon.score') : null;
    var box = poly ? poly.getBBox() : { width: 0, height: 0 };
    var frame = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    var badge = s.querySelector('h2 .verdict');
    return {
      id: s.id,
      verdict: s.getAttribute('data-verdict'),
      badge: badge ? badge.textContent : '',
      height: s.getBoundingClientRect().height,
      svg: [frame.width, frame.height],
      polygon: [box.width, box.height],
      axes: svg ? svg.querySelectorAll('line.axis').length : 0
    };
  });
  var clipped = [];
  document.querySelectorAll('td, th').forEach(function (c) {
    if (c.scrollWidth > c.clientWidth + 1) {
      clipped.push(c.closest('table').className + ': ' + c.textContent + ' (' + c.scrollWidth + ' > ' + c.clientWidth + ')');
    }
  });
  document.querySelectorAll('table, svg, p, h1, h2, h3').forEach(function (t) {
    var r = t.getBoundingClientRect();
    if (r.right > width + 1) {
      clipped.push(t.tagName + '.' + t.getAttribute('class') + ' ends at ' + r.right + ' > ' + width);
    }
  });
  return { width: width, parks: parks, clipped: clipped };
})()"#;

fn batch() -> Batch {
    let policy = sichuan();
    let files: Vec<Vec<data::Loaded>> = data::expand(&[root().join("examples")])
        .iter()
        .map(|f| data::load_file(policy, f))
        .collect();
    let b = panel::batch(policy, &files);
    assert!(b.unread.is_empty(), "the examples are good records");
    b
}

/// Opens `page` in a new tab laid out for print at the A4 content width.
fn open_for_print(cdp: &mut Cdp, page: &Path) {
    let target = cdp.call(
        "Target.createTarget",
        json!({"url": format!("file://{}", page.display())}),
    );
    let attached = cdp.call(
        "Target.attachToTarget",
        json!({"targetId": target["targetId"], "flatten": true}),
    );
    cdp.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    cdp.call("Emulation.setEmulatedMedia", json!({"media": "print"}));
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": A4_CONTENT_PX, "height": 1100, "deviceScaleFactor": 1, "mobile": false}),
    );
    cdp.wait(
        "document.readyState === 'complete' && document.fonts.status === 'loaded'",
        "the report to load",
    );
}

fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[test]
fn chromium_prints_the_report_on_a4_with_every_column_inside_the_page() {
    let Some(chromium) = browser::for_test("the report's print test") else {
        return;
    };
    let policy = sichuan();
    let batch = batch();
    assert!(batch.parks.len() >= 14);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let (_running, ws) = browser::launch(&chromium);
    for lang in [Lang::Zh, Lang::En] {
        let ctx = Context::new(policy, lang, day);
        let page = html::render(&panel::build(policy, &batch, &ctx));
        let name = match lang {
            Lang::Zh => "report.zh",
            Lang::En => "report.en",
        };
        let report = dir.join(format!("{name}.html"));
        std::fs::write(&report, &page).unwrap();
        let mut cdp = Cdp::connect(&ws);
        open_for_print(&mut cdp, &report);

        let measured: Json = cdp.eval(PROBE);
        assert_eq!(measured["width"], json!(A4_CONTENT_PX), "{name}");
        let clipped = measured["clipped"].as_array().unwrap();
        assert!(
            clipped.is_empty(),
            "{name}: on A4 these overflow their column or the page:\n{}",
            clipped
                .iter()
                .map(|c| c.as_str().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let sections = measured["parks"].as_array().unwrap();
        assert_eq!(sections.len(), batch.parks.len(), "one section per park");
        for (s, park) in sections.iter().zip(&batch.parks) {
            let who = park.judgement.name.clone().unwrap_or_default();
            assert_eq!(s["verdict"], verdict_name(park.judgement.verdict), "{who}");
            if lang == Lang::En {
                assert_eq!(s["badge"], verdict_name(park.judgement.verdict), "{who}");
            }
            assert!(s["height"].as_f64().unwrap() > 200.0, "{who}: {s}");
            let svg = (s["svg"][0].as_f64().unwrap(), s["svg"][1].as_f64().unwrap());
            assert!(
                svg.0 > 100.0 && svg.1 > 100.0,
                "{who}: the chart has a size: {s}"
            );
            let poly = (
                s["polygon"][0].as_f64().unwrap(),
                s["polygon"][1].as_f64().unwrap(),
            );
            assert!(
                poly.0 > 0.0 && poly.1 > 0.0,
                "{who}: the chart is drawn: {s}"
            );
            assert!(s["axes"].as_u64().unwrap() >= 3, "{who}: {s}");
        }

        // What the department prints.
        let printed = cdp.call(
            "Page.printToPDF",
            json!({"preferCSSPageSize": true, "printBackground": true,
                   "displayHeaderFooter": false}),
        );
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(printed["data"].as_str().unwrap())
            .unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let pdf_path = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf_path, &pdf).unwrap();
        let pages = pdf_pages(&pdf);
        let parks = batch.parks.len();
        // The summary, then each park from a page of its own, of one to three pages.
        assert!(
            pages > parks && pages <= 1 + 3 * parks + 2,
            "{name}: {pages} pages for {parks} parks"
        );
        let png = dir.join(format!("{name}.png"));
        cdp.screenshot(&png);
        eprintln!(
            "report artefacts: {}, {}, {} ({pages} pages)",
            report.display(),
            pdf_path.display(),
            png.display()
        );
    }
}
