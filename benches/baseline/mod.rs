//! The hand-written baseline: the selection rules of the shipped Sichuan policy applied in plain
//! Rust to the same typed records jidi judges (the only place Sichuan rules appear in Rust). It
//! keeps the measure's semantics — exact decimals, unknown is neither zero nor false, three-valued
//! `and`/`or`/`any` — and returns the verdict. `tests/baseline.rs` checks it agrees with jidi on
//! every record of a corpus; `benches/eval.rs` times both.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(dead_code)]

use jidi::check::Policy;
use jidi::syntax::ast::Verdict;
use jidi::value::{Record, Value};
use rust_decimal::Decimal;

/// Input slots and enumeration codes, looked up once.
pub struct Baseline {
    tier: usize,
    demo: u32,
    approver: usize,
    approver_ok: [u32; 3],
    underdeveloped: usize,
    national: usize,
    materials: usize,
    material_kinds: [u32; 3],
    events: usize,
    date: usize,
    ev_type: usize,
    ev_level: usize,
    ev_date: usize,
    accident: u32,
    major: [u32; 2],
    pollution: u32,
    level12: [u32; 2],
    land_case: u32,
    severe: u32,
    field: usize,
    hightech: u32,
    sub: usize,
    emerging: [u32; 3],
    software_bigdata: [u32; 2],
    iiot: u32,
    dc: u32,
    revenue: usize,
    lead_revenue: usize,
    land: usize,
    rnd: usize,
    platforms: usize,
    design_tools: usize,
    nc: usize,
    cloud: usize,
    energy: usize,
    energy_adv: usize,
    water: usize,
    water_adv: usize,
    capital: usize,
    capital_local: usize,
    experts: usize,
    pass: u32,
    general_guidance: Vec<std::sync::Arc<str>>,
    hightech_keys: Vec<std::sync::Arc<str>>,
    software_keys: Vec<std::sync::Arc<str>>,
    iiot_keys: Vec<std::sync::Arc<str>>,
    dc_keys: Vec<std::sync::Arc<str>>,
    net_ext: usize,
    net_cov: usize,
    net_dev: usize,
    iiot_platform: usize,
    iiot_cloud: usize,
    racks: usize,
    infra: usize,
    built_all: u32,
    built_part: u32,
    operating: usize,
    op_date: usize,
    it_load: usize,
    pue: usize,
    design_pue: usize,
    green: usize,
    green_list: usize,
    compute_goal: usize,
}

type T = Option<bool>;

fn and(a: T, b: impl FnOnce() -> T) -> T {
    if a == Some(false) {
        return Some(false);
    }
    match (a, b()) {
        (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// A rule's status: pass, fail or unknown.
#[derive(Clone, Copy, PartialEq)]
enum S {
    Pass,
    Fail,
    Unknown,
}

fn st(t: T) -> S {
    match t {
        Some(true) => S::Pass,
        Some(false) => S::Fail,
        None => S::Unknown,
    }
}

fn all(ss: &[S]) -> S {
    if ss.contains(&S::Fail) {
        S::Fail
    } else if ss.contains(&S::Unknown) {
        S::Unknown
    } else {
        S::Pass
    }
}

fn num(v: &Value) -> Option<Decimal> {
    match v {
        Value::Num(n) => Some(*n),
        _ => None,
    }
}

fn ge(v: &Value, t: Decimal) -> T {
    num(v).map(|n| n >= t)
}

fn le(a: &Value, b: &Value) -> T {
    Some(num(a)? <= num(b)?)
}

fn enum_of(v: &Value) -> Option<u32> {
    match v {
        Value::Enum(e) => Some(*e),
        _ => None,
    }
}

impl Baseline {
    pub fn new(p: &Policy) -> Self {
        let input = |n: &str| p.input_index(n).expect(n);
        let value = |e: &str, v: &str| {
            p.enums
                .iter()
                .find(|d| d.name == e)
                .and_then(|d| d.lookup(v))
                .expect(v)
        };
        let shape = p.shapes.iter().find(|s| s.name == "事件").unwrap();
        let field = |n: &str| shape.fields.iter().position(|f| f.name == n).unwrap();
        let keys = |ks: &[&str]| ks.iter().map(|k| std::sync::Arc::from(*k)).collect();
        Baseline {
            tier: p.tier_input,
            demo: p.tier_index("示范基地").unwrap() as u32,
            approver: input("批准机关级别"),
            approver_ok: [
                value("批准机关级别", "国家"),
                value("批准机关级别", "省"),
                value("批准机关级别", "市州"),
            ],
            underdeveloped: input("欠发达县域"),
            national: input("国家级示范基地"),
            materials: input("材料"),
            material_kinds: [
                value("材料种类", "推荐文件"),
                value("材料种类", "申报书"),
                value("材料种类", "证明材料"),
            ],
            events: input("事件"),
            date: input("申报日期"),
            ev_type: field("类型"),
            ev_level: field("级别"),
            ev_date: field("日期"),
            accident: value("事件类型", "生产安全事故"),
            major: [value("事件级别", "重大"), value("事件级别", "特别重大")],
            pollution: value("事件类型", "环境污染事件"),
            level12: [value("事件级别", "Ⅰ"), value("事件级别", "Ⅱ")],
            land_case: value("事件类型", "自然资源违法案件"),
            severe: value("事件级别", "严重"),
            field: input("领域"),
            hightech: value("领域", "高技术转化应用"),
            sub: input("细分领域"),
            emerging: [
                value("细分领域", "工业互联网"),
                value("细分领域", "数据中心"),
                value("细分领域", "大数据"),
            ],
            software_bigdata: [
                value("细分领域", "软件和信息服务"),
                value("细分领域", "大数据"),
            ],
            iiot: value("细分领域", "工业互联网"),
            dc: value("细分领域", "数据中心"),
            revenue: input("营业收入"),
            lead_revenue: input("主导产业营业收入"),
            land: input("工业用地面积"),
            rnd: input("研发投入强度"),
            platforms: input("省级以上创新平台数量"),
            design_tools: input("数字化研发设计工具普及率"),
            nc: input("关键工序数控化率"),
            cloud: input("企业上云率"),
            energy: input("单位工业增加值能耗"),
            energy_adv: input("单位工业增加值能耗先进值"),
            water: input("单位工业增加值用水量"),
            water_adv: input("单位工业增加值用水量先进值"),
            capital: input("省外资金增速"),
            capital_local: input("所在地省外资金增速"),
            experts: input("定性评价"),
            pass: value("专家意见", "达标"),
            general_guidance: keys(&[
                "质量体系建设情况",
                "品牌培育情况",
                "信息基础设施建设",
                "清洁能源利用情况",
                "绿色制造发展情况",
                "产业链供应链情况",
                "优质企业培育情况",
                "公共服务平台情况",
                "所在地政府支持情况",
                "区域间产业协作情况",
            ]),
            hightech_keys: keys(&[
                "区位优势与战略地位",
                "市场主体活跃度",
                "科技协同创新水平",
                "技术双向转移转化成效",
                "服务国家重大发展战略成效",
            ]),
            software_keys: keys(&[
                "融合应用情况",
                "国内开源生态建设情况",
                "信息技术服务供给能力水平",
                "安全保障建设",
            ]),
            iiot_keys: keys(&[
                "标识解析体系建设",
                "安全基础支撑能力",
                "企业纵向打通集成水平",
            ]),
            dc_keys: keys(&["发展环境", "安全可靠、网络及服务能力", "行业应用"]),
            net_ext: input("高质量外网覆盖工业企业比例"),
            net_cov: input("工业互联网及新型工业网络覆盖率"),
            net_dev: input("数字化设备联网率"),
            iiot_platform: input("工业互联网平台"),
            iiot_cloud: input("规上工业企业上云上平台比例"),
            racks: input("设计标准机架数"),
            infra: input("基础设施状态"),
            built_all: value("基础设施状态", "全部建成"),
            built_part: value("基础设施状态", "部分建成"),
            operating: input("投产运营"),
            op_date: input("投产日期"),
            it_load: input("IT设备负荷率"),
            pue: input("运行年均PUE"),
            design_pue: input("设计年均PUE"),
            green: input("绿色等级"),
            green_list: input("国家绿色数据中心"),
            compute_goal: input("算力算效目标"),
        }
    }

    /// An expert's verdict on one qualitative indicator: `== 达标`.
    fn expert(&self, v: &[Value], key: &str) -> S {
        match &v[self.experts] {
            Value::Map(entries) => match entries.iter().find(|(k, _)| &**k == key) {
                Some((_, Value::Enum(e))) => st(Some(*e == self.pass)),
                _ => S::Unknown,
            },
            _ => S::Unknown,
        }
    }

    /// `any e in 事件: e.类型 == kind and e.级别 in levels and e.日期 within 3 years before 申报日期`.
    fn veto(&self, v: &[Value], kind: u32, levels: &[u32]) -> S {
        let events = match &v[self.events] {
            Value::List(items) => items,
            _ => return S::Unknown,
        };
        let anchor = match &v[self.date] {
            Value::Date(d) => Some(*d),
            _ => None,
        };
        let mut unknown = false;
        for e in events.iter() {
            let Value::Record(f) = e else {
                unknown = true;
                continue;
            };
            let t = enum_of(&f[self.ev_type]).map(|t| t == kind);
            let hit = and(t, || {
                and(
                    enum_of(&f[self.ev_level]).map(|l| levels.contains(&l)),
                    || match (&f[self.ev_date], anchor) {
                        (Value::Date(d), Some(a)) => {
                            let from =
                                jidi::eval::shift(a, jidi::syntax::ast::Duration::Years(3), false)?;
                            Some(from <= *d && *d <= a)
                        }
                        (Value::None, _) => Some(false),
                        _ => None,
                    },
                )
            });
            match hit {
                Some(true) => return S::Fail,
                None => unknown = true,
                Some(false) => {}
            }
        }
        if unknown {
            S::Unknown
        } else {
            S::Pass
        }
    }

    /// The verdict for one record.
    pub fn verdict(&self, r: &Record) -> Verdict {
        let v = &r.values[..];
        let Some(tier) = enum_of(&v[self.tier]) else {
            return Verdict::Undetermined;
        };
        let demo = tier == self.demo;
        let hundred = Decimal::from(100);
        let mut fail = false;
        let mut unknown = false;
        let mut block = |s: S| match s {
            S::Fail => fail = true,
            S::Unknown => unknown = true,
            S::Pass => {}
        };
        // 第八条, 第十条, 第二十三条: conditions.
        block(st(
            enum_of(&v[self.approver]).map(|a| self.approver_ok.contains(&a))
        ));
        if !demo {
            block(st(match &v[self.underdeveloped] {
                Value::Bool(b) => Some(*b),
                _ => None,
            }));
        }
        block(st(match &v[self.materials] {
            Value::List(items) => Some(
                self.material_kinds
                    .iter()
                    .all(|k| items.iter().any(|i| matches!(i, Value::Enum(e) if e == k))),
            ),
            _ => None,
        }));
        block(st(match &v[self.national] {
            Value::Bool(b) => Some(!b),
            _ => None,
        }));
        // 第九条: vetoes.
        block(self.veto(v, self.accident, &self.major));
        block(self.veto(v, self.pollution, &self.level12));
        block(self.veto(v, self.land_case, &[self.severe]));
        // 附件 指标1–3, 5, 12, 13, 20: constraints (the rest of the annex is guidance).
        let sub = enum_of(&v[self.sub]);
        let revenue = num(&v[self.revenue]);
        block(st(if demo {
            let emerging = sub.is_some_and(|s| self.emerging.contains(&s));
            revenue.map(|r| r >= Decimal::from(if emerging { 100 } else { 200 }))
        } else {
            revenue.map(|r| r >= Decimal::from(75))
        }));
        let ratio = |a: Option<Decimal>, b: Option<Decimal>| -> Option<Decimal> {
            let (a, b) = (a?, b?);
            if b.is_zero() {
                return None;
            }
            a.checked_div(b)
        };
        block(st(ratio(num(&v[self.lead_revenue]), revenue)
            .and_then(|x| x.checked_mul(hundred))
            .map(|x| x >= Decimal::from(50))));
        block(st(ratio(revenue, num(&v[self.land]))
            .and_then(|x| x.checked_mul(Decimal::from(10000)))
            .map(|x| x >= Decimal::from(if demo { 4000 } else { 2500 }))));
        if demo {
            block(st(ge(&v[self.platforms], Decimal::from(5))));
        }
        block(st(le(&v[self.energy], &v[self.energy_adv])));
        block(st(le(&v[self.water], &v[self.water_adv])));
        block(st((|| {
            Some(num(&v[self.capital])? > num(&v[self.capital_local])?)
        })()));
        // Guidance never blocks, but a hand-written judge still computes it.
        let guidance = [
            st(ge(&v[self.rnd], Decimal::ONE)),
            if demo {
                S::Pass
            } else {
                st(ge(&v[self.platforms], Decimal::from(2)))
            },
            st(ge(
                &v[self.design_tools],
                Decimal::from(if demo { 90 } else { 70 }),
            )),
            st(ge(&v[self.nc], Decimal::from(if demo { 70 } else { 50 }))),
            if demo {
                st(ge(&v[self.cloud], hundred))
            } else {
                S::Pass
            },
        ];
        std::hint::black_box(guidance);
        for k in &self.general_guidance {
            std::hint::black_box(self.expert(v, k));
        }
        // 附件 特色指标: constraints for their fields.
        match enum_of(&v[self.field]) {
            Some(f) if f == self.hightech => {
                for k in &self.hightech_keys {
                    block(self.expert(v, k));
                }
            }
            Some(_) => {}
            None if !matches!(v[self.field], Value::None) => {
                for _ in &self.hightech_keys {
                    block(S::Unknown);
                }
            }
            None => {}
        }
        let sub_known = sub.is_some() || matches!(v[self.sub], Value::None);
        if !sub_known {
            block(S::Unknown);
            return verdict(fail, unknown);
        }
        if sub.is_some_and(|s| self.software_bigdata.contains(&s)) {
            for k in &self.software_keys {
                block(self.expert(v, k));
            }
        }
        if sub == Some(self.iiot) {
            block(all(&[
                st(ge(&v[self.net_ext], Decimal::from(30))),
                st(ge(&v[self.net_cov], Decimal::from(30))),
                st(ge(&v[self.net_dev], Decimal::from(50))),
            ]));
            block(all(&[
                st(match &v[self.iiot_platform] {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                }),
                st(ge(&v[self.iiot_cloud], Decimal::from(30))),
            ]));
            for k in &self.iiot_keys {
                block(self.expert(v, k));
            }
        }
        if sub == Some(self.dc) {
            block(self.scale(v));
            block(self.pue(v));
            let green = match &v[self.green] {
                Value::Text(t) => Some(&**t == "4A" || &**t == "5A"),
                _ => None,
            };
            let listed = match &v[self.green_list] {
                Value::Bool(b) => Some(*b),
                _ => None,
            };
            let or = match (green, listed) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            };
            block(all(&[
                st(or),
                st(match &v[self.compute_goal] {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                }),
            ]));
            for k in &self.dc_keys {
                block(self.expert(v, k));
            }
        }
        verdict(fail, unknown)
    }

    /// 特色指标15: size classes by racks.
    fn scale(&self, v: &[Value]) -> S {
        let Some(racks) = num(&v[self.racks]) else {
            return S::Unknown;
        };
        let operating = st(match &v[self.operating] {
            Value::Bool(b) => Some(*b),
            _ => None,
        });
        let infra = enum_of(&v[self.infra]);
        if racks >= Decimal::from(3000) {
            all(&[
                st(infra.map(|i| i == self.built_all || i == self.built_part)),
                operating,
                st(ge(&v[self.it_load], Decimal::from(40))),
            ])
        } else if racks >= Decimal::from(300) {
            all(&[
                st(infra.map(|i| i == self.built_all)),
                operating,
                st(ge(&v[self.it_load], Decimal::from(50))),
            ])
        } else {
            S::Fail
        }
    }

    /// 特色指标16: PUE, with the design value for large centres in their first year.
    fn pue(&self, v: &[Value]) -> S {
        let limit = |x: &Value, l: &str| st(num(x).map(|n| n <= l.parse::<Decimal>().unwrap()));
        let large = num(&v[self.racks]).map(|r| r >= Decimal::from(3000));
        let young = match (&v[self.op_date], &v[self.date]) {
            (Value::Date(o), Value::Date(a)) => {
                jidi::eval::shift(*a, jidi::syntax::ast::Duration::Years(1), false).map(|b| *o > b)
            }
            _ => None,
        };
        let (s1, s2, s3) = (
            || limit(&v[self.design_pue], "1.3"),
            || limit(&v[self.pue], "1.3"),
            || limit(&v[self.pue], "1.5"),
        );
        // A case whose guard cannot be told: every case that may apply must agree.
        match (and(large, || young), large) {
            (Some(true), _) => s1(),
            (Some(false), Some(true)) => s2(),
            (Some(false), Some(false)) => s3(),
            (Some(false), None) => agree(&[s2(), s3()]),
            (None, Some(true)) => agree(&[s1(), s2()]),
            (None, Some(false)) => agree(&[s1(), s3()]),
            (None, None) => agree(&[s1(), s2(), s3()]),
        }
    }
}

/// The status every case gives, when they all give the same known one.
fn agree(cases: &[S]) -> S {
    match cases.first() {
        Some(&first) if first != S::Unknown && cases.iter().all(|&c| c == first) => first,
        _ => S::Unknown,
    }
}

fn verdict(fail: bool, unknown: bool) -> Verdict {
    if fail {
        Verdict::NotEligible
    } else if unknown {
        Verdict::Undetermined
    } else {
        Verdict::Eligible
    }
}
