//! Property tests: the filter against a naive model, invariants of the figures, and nothing
//! lost in the URL or in clustering.

use domain::catalog::Selected;
use domain::cluster::{cluster, ClusterPoint};
use domain::facets::facets;
use domain::filter::Dimension;
use domain::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn province() -> Province {
    let m = |code: &str, name: &str, region: &str| Municipality { code: code.into(), name: name.into(), region: region.into() };
    Province {
        code: "PV99".into(),
        name: "Proefprovincie".into(),
        regions: vec![
            Region { id: "noord".into(), name: "Noord".into(), municipalities: vec!["GM0001".into(), "GM0002".into()] },
            Region { id: "zuid".into(), name: "Zuid".into(), municipalities: vec!["GM0003".into(), "GM0004".into()] },
            Region { id: "oost".into(), name: "Oost".into(), municipalities: vec!["GM0005".into()] },
        ],
        municipalities: vec![
            m("GM0001", "A", "noord"),
            m("GM0002", "B", "noord"),
            m("GM0003", "C", "zuid"),
            m("GM0004", "D", "zuid"),
            m("GM0005", "E", "oost"),
        ],
        price_limits: vec![],
        targets: vec![
            Target {
                region: Some("noord".into()),
                kind: TargetKind::NetAdditions,
                homes: 500,
                from_year: 2022,
                to_year: 2030,
                classes: vec![],
                source: String::new(),
            },
            Target {
                region: Some("zuid".into()),
                kind: TargetKind::SocialeHuur,
                homes: 90,
                from_year: 2022,
                to_year: 2030,
                classes: vec![PriceClass::SocialeHuur],
                source: String::new(),
            },
            Target { region: None, kind: TargetKind::NetAdditions, homes: 1000, from_year: 2024, to_year: 2028, classes: vec![], source: String::new() },
        ],
        norms: vec![Norm {
            id: "betaalbaar".into(),
            label: "Betaalbaar".into(),
            classes: vec![PriceClass::SocialeHuur, PriceClass::MiddeldureHuur, PriceClass::BetaalbareKoop],
            minimum: Ratio::parse("2/3").unwrap(),
            source: String::new(),
        }],
        series: vec![],
        publish_withheld_total: false,
        attribution: String::new(),
        licence: Licence { name: "CC0 1.0".into(), url: "https://creativecommons.org/publicdomain/zero/1.0/".into(), credit: None },
        bounds: [6.0, 52.0, 7.0, 53.0],
    }
}

const MUNICIPALITIES: [&str; 5] = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"];
const DIMENSIONS: [Dimension; 10] = [
    Dimension::Tenure,
    Dimension::PriceClass,
    Dimension::Developer,
    Dimension::DeveloperKind,
    Dimension::Region,
    Dimension::Municipality,
    Dimension::Status,
    Dimension::Years,
    Dimension::Form,
    Dimension::Siting,
];
const DEVELOPERS: [&str; 3] = ["Woonservice", "Bouwbedrijf Noord", "Gemeente"];

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

fn arb_project() -> impl Strategy<Value = Project> {
    (
        (0u32..5, pick(&MUNICIPALITIES), prop::array::uniform8(prop_oneof![4 => Just(0u32), 2 => 0u32..60])),
        (pick(Status::ALL), pick(DeveloperKind::ALL), pick(&DEVELOPERS), pick(PlanType::ALL)),
        (prop::option::of(2020u16..2035), prop_oneof![Just(0u32), 1u32..40], prop_oneof![Just(0u32), 1u32..40], pick(Confidentiality::ALL)),
        (6.0f64..7.0, 52.0f64..53.0),
    )
        .prop_map(|((n, muni, homes), (status, kind, dev, plan), (year, eg, mg, conf), (lon, lat))| {
            let mut homes = homes;
            if homes.iter().all(|h| *h == 0) {
                homes[(n % 8) as usize] = 1;
            }
            Project {
                id: ProjectId::new(format!("p{n}-{lon:.6}")),
                name: format!("Project {n}"),
                municipality: muni.into(),
                place: "Dorp".into(),
                address: None,
                location: Location { point: LonLat::lon_lat(lon, lat), area: None, precision: Precision::Exact },
                homes: SegmentCounts(homes),
                forms: FormCounts { eengezins: eg, meergezins: mg },
                plan_type: plan,
                target_groups: vec![],
                developer: Developer { name: dev.into(), kind },
                status,
                start_year: None,
                delivery_year: year,
                description: String::new(),
                link: None,
                last_updated: "2026-01-01".into(),
                confidentiality: conf,
                example: true,
            }
        })
}

fn subset<T: Ord + Clone + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = BTreeSet<T>> {
    prop::sample::subsequence(all, 0..=all.len().min(3)).prop_map(|v| v.into_iter().collect())
}

fn arb_filter() -> impl Strategy<Value = Filter> {
    (
        (subset(Tenure::ALL), subset(PriceClass::ALL), subset(&DEVELOPERS), subset(DeveloperKind::ALL)),
        (subset(&["noord", "zuid", "oost"]), subset(&MUNICIPALITIES), subset(Status::ALL)),
        (prop::option::of(2020u16..2030), prop::option::of(0u16..6), subset(HousingForm::ALL), subset(Siting::ALL)),
    )
        .prop_map(|((tenure, classes, devs, kinds), (regions, munis, statuses), (from, span, forms, sitings))| Filter {
            tenure,
            price_classes: classes,
            developers: devs.into_iter().map(String::from).collect(),
            developer_kinds: kinds,
            regions: regions.into_iter().map(RegionId::from).collect(),
            municipalities: munis.into_iter().map(MunicipalityCode::from).collect(),
            statuses,
            years: YearRange { from, to: from.zip(span).map(|(f, s)| f + s) },
            forms,
            sitings,
        })
}

/// The reference: every rule written out plainly, one project at a time.
fn naive_homes(p: &Project, f: &Filter, province: &Province) -> Option<u32> {
    let region = province.municipalities.iter().find(|m| m.code == p.municipality).map(|m| m.region.clone());
    let ok = (f.regions.is_empty() || region.is_some_and(|r| f.regions.contains(&r)))
        && (f.municipalities.is_empty() || f.municipalities.contains(&p.municipality))
        && (f.statuses.is_empty() || f.statuses.contains(&p.status))
        && (f.developers.is_empty() || f.developers.contains(&p.developer.name))
        && (f.developer_kinds.is_empty() || f.developer_kinds.contains(&p.developer.kind))
        && (f.years.is_open() || p.delivery_year.is_some_and(|y| f.years.from.is_none_or(|a| y >= a) && f.years.to.is_none_or(|b| y <= b)))
        && (f.forms.is_empty()
            || (f.forms.contains(&HousingForm::Eengezins) && p.forms.eengezins > 0)
            || (f.forms.contains(&HousingForm::Meergezins) && p.forms.meergezins > 0))
        && (f.sitings.is_empty() || f.sitings.contains(&p.plan_type.siting()));
    if !ok {
        return None;
    }
    let homes: u32 = PriceClass::ALL
        .iter()
        .filter(|c| f.tenure.is_empty() || c.tenure().is_some_and(|t| f.tenure.contains(&t)))
        .filter(|c| f.price_classes.is_empty() || f.price_classes.contains(c))
        .map(|c| p.homes.get(*c))
        .sum();
    (homes > 0).then_some(homes)
}

fn arb_catalog() -> impl Strategy<Value = Catalog> {
    prop::collection::vec(arb_project(), 0..60).prop_map(|mut ps| {
        for (i, p) in ps.iter_mut().enumerate() {
            p.id = ProjectId::new(format!("p{i:03}"));
        }
        Catalog::new(province(), ps, true)
    })
}

proptest! {
    #[test]
    fn filtering_agrees_with_the_naive_reference(catalog in arb_catalog(), filter in arb_filter()) {
        let got: Vec<(String, u32)> = catalog.select(&filter).iter().map(|s| (s.project.id.to_string(), s.homes)).collect();
        let want: Vec<(String, u32)> = catalog.projects().iter()
            .filter_map(|p| naive_homes(p, &filter, catalog.province()).map(|h| (p.id.to_string(), h)))
            .collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn the_maps_compact_points_filter_as_the_catalog_does(catalog in arb_catalog(), filter in arb_filter()) {
        // The browser filters the map's points; the server filters projects. Same answers,
        // after the trip through the wire format (JSON, as sent).
        let wire = serde_json::to_string(&domain::map_points::Encoded::of(&catalog, &Filter::default())).unwrap();
        let points = serde_json::from_str::<domain::map_points::Encoded>(&wire).unwrap().decode().unwrap();
        let mut got: Vec<(String, u32)> = points.select(&filter, catalog.province()).map(|(r, h)| (r.id().to_string(), h)).collect();
        got.sort();
        let mut want: Vec<(String, u32)> = catalog.select(&filter).iter().map(|s| (s.project.id.to_string(), s.homes)).collect();
        want.sort();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn an_empty_filter_returns_every_public_project(catalog in arb_catalog()) {
        let filter = Filter::default();
        let selected = catalog.select(&filter);
        prop_assert_eq!(selected.len(), catalog.projects().len());
        prop_assert!(selected.iter().all(|s| s.homes == s.project.total_homes()));
    }

    #[test]
    fn filters_never_add_projects(catalog in arb_catalog(), filter in arb_filter(), dim in pick(&DIMENSIONS)) {
        // Any filter selects a subset of the same filter with one dimension cleared, and never
        // more homes per project.
        let wider = filter.without(dim);
        let wide: std::collections::BTreeMap<_, _> = catalog.select(&wider).iter().map(|s| (s.project.id.clone(), s.homes)).collect();
        for s in catalog.select(&filter) {
            let w = wide.get(&s.project.id);
            prop_assert!(w.is_some_and(|w| *w >= s.homes), "{} appeared when narrowing {:?}", s.project.id, dim);
        }
    }

    #[test]
    fn region_figures_add_up_to_the_total(catalog in arb_catalog(), filter in arb_filter()) {
        let selected = catalog.select(&filter);
        let s = Summary::of(&selected, filter.classes(), catalog.province());
        prop_assert_eq!(s.by_region.values().sum::<u64>(), s.homes);
        prop_assert_eq!(s.by_municipality.values().sum::<u64>(), s.homes);
        prop_assert_eq!(s.by_class.iter().sum::<u64>(), s.homes);
        prop_assert_eq!(s.by_status.values().sum::<u64>(), s.homes);
        let by_year: u64 = s.by_year.values().flat_map(|r| r.iter()).sum();
        let dropped = s.by_status.get(&Status::Afgevallen).copied().unwrap_or(0);
        prop_assert_eq!(by_year + s.without_year + dropped, s.homes);
        for region in &catalog.province().regions {
            let own: u64 = region.municipalities.iter().filter_map(|m| s.by_municipality.get(m)).sum();
            prop_assert_eq!(own, s.by_region.get(&region.id).copied().unwrap_or(0));
        }
    }

    #[test]
    fn forms_locations_and_developers_account_for_every_home(catalog in arb_catalog(), filter in arb_filter()) {
        let s = Summary::of(&catalog.select(&filter), filter.classes(), catalog.province());
        prop_assert_eq!(s.by_form.iter().sum::<u64>(), s.homes);
        prop_assert_eq!(s.by_siting.iter().sum::<u64>(), s.homes);
        prop_assert_eq!(s.top_developers.iter().map(|d| d.homes).sum::<u64>() + s.other_developers + s.without_developer, s.homes);
    }

    #[test]
    fn regions_add_up_to_the_province_and_municipalities_to_their_region(catalog in arb_catalog(), filter in arb_filter()) {
        let province = catalog.province();
        let whole = AreaStats::of(&catalog, &filter, &Area::Province);
        let regions: Vec<AreaStats> = province.parts(&Area::Province).iter().map(|a| AreaStats::of(&catalog, &filter, a)).collect();
        prop_assert_eq!(regions.iter().map(|r| r.summary.homes).sum::<u64>(), whole.summary.homes);
        prop_assert_eq!(regions.iter().map(|r| r.summary.projects).sum::<u32>(), whole.summary.projects);
        for class in PriceClass::ALL {
            prop_assert_eq!(regions.iter().map(|r| r.summary.class(*class)).sum::<u64>(), whole.summary.class(*class));
        }
        for (part, region) in whole.parts.iter().zip(&regions) {
            prop_assert_eq!(part.homes, region.summary.homes);
            prop_assert_eq!(part.by_class, region.summary.by_class);
        }
        for region in &regions {
            let municipalities: Vec<AreaStats> = province.parts(&region.area).iter().map(|a| AreaStats::of(&catalog, &filter, a)).collect();
            prop_assert_eq!(municipalities.iter().map(|m| m.summary.homes).sum::<u64>(), region.summary.homes);
            prop_assert_eq!(municipalities.iter().map(|m| m.capacity[0] + m.capacity[1]).sum::<u64>(), region.capacity[0] + region.capacity[1]);
            prop_assert_eq!(region.parts.iter().map(|p| p.homes).sum::<u64>(), region.summary.homes);
        }
    }

    #[test]
    fn filtered_figures_never_exceed_unfiltered_ones(catalog in arb_catalog(), filter in arb_filter()) {
        let province = catalog.province();
        let areas = std::iter::once(Area::Province)
            .chain(province.regions.iter().map(|r| Area::Region(r.id.clone())))
            .chain(province.municipalities.iter().map(|m| Area::Municipality(m.code.clone())));
        for area in areas {
            let all = AreaStats::of(&catalog, &Filter::default(), &area);
            let some = AreaStats::of(&catalog, &filter, &area);
            prop_assert!(some.summary.homes <= all.summary.homes);
            prop_assert!(some.summary.projects <= all.summary.projects);
            prop_assert!(some.pipeline <= all.pipeline);
            for i in 0..PriceClass::ALL.len() {
                prop_assert!(some.summary.by_class[i] <= all.summary.by_class[i]);
            }
            for (s, a) in some.targets.iter().zip(&all.targets) {
                prop_assert!(s.delivered <= a.delivered && s.pipeline <= a.pipeline && s.planned <= a.planned);
            }
            for (s, a) in some.norms.iter().zip(&all.norms) {
                prop_assert!(s.homes <= a.homes && s.known <= a.known);
            }
        }
    }

    #[test]
    fn a_facet_count_equals_selecting_that_option(catalog in arb_catalog(), filter in arb_filter()) {
        let f = facets(&catalog, &filter);
        for option in &f.status {
            let mut one = filter.clone();
            one.statuses = [Status::from_slug(&option.value).unwrap()].into();
            let sel = catalog.select(&one);
            prop_assert_eq!(option.projects as usize, sel.len());
            prop_assert_eq!(option.homes, sel.iter().map(|s| u64::from(s.homes)).sum::<u64>());
        }
        for option in &f.price_class {
            let mut one = filter.clone();
            one.price_classes = [PriceClass::from_slug(&option.value).unwrap()].into();
            let sel = catalog.select(&one);
            prop_assert_eq!(option.projects as usize, sel.len());
            prop_assert_eq!(option.homes, sel.iter().map(|s| u64::from(s.homes)).sum::<u64>());
        }
        for option in &f.region {
            let mut one = filter.clone();
            one.regions = [RegionId::from(option.value.as_str())].into();
            prop_assert_eq!(option.projects as usize, catalog.select(&one).len());
        }
    }

    #[test]
    fn the_url_keeps_the_whole_filter(filter in arb_filter()) {
        let parsed = domain::query::parse(&filter.to_query(), &province()).unwrap();
        prop_assert_eq!(parsed.filter, filter);
        prop_assert!(parsed.other.is_empty());
    }

    #[test]
    fn clustering_loses_no_homes(catalog in arb_catalog(), zoom in 0u8..18) {
        let filter = Filter::default();
        let selected: Vec<Selected> = catalog.select(&filter);
        let points: Vec<ClusterPoint> = selected.iter().enumerate()
            .map(|(index, s)| ClusterPoint::new(index, s.project.location.point, s.homes))
            .collect();
        let clusters = cluster(&points, f64::from(zoom), 40.0);
        prop_assert_eq!(clusters.iter().map(|c| c.homes).sum::<u64>(), selected.iter().map(|s| u64::from(s.homes)).sum::<u64>());
        prop_assert_eq!(clusters.iter().map(|c| c.count as usize).sum::<usize>(), points.len());
    }

    #[test]
    fn clustering_agrees_with_a_naive_reference(
        spots in proptest::collection::vec((6.2f64..7.1, 52.6f64..53.2, 1u32..300), 0..120),
        zoom in 6u8..15,
        // Large projects: the seeds are then ordered by a comparison sort, not by counting.
        large in proptest::bool::ANY,
    ) {
        let points: Vec<ClusterPoint> = spots.iter().enumerate()
            .map(|(index, (lon, lat, homes))| {
                ClusterPoint::new(index, domain::LonLat::lon_lat(*lon, *lat), if large { homes * 20 } else { *homes }).of_class(PriceClass::ALL[index % PriceClass::ALL.len()])
            })
            .collect();
        let (fast, naive) = (cluster(&points, f64::from(zoom), 40.0), naive_cluster(&points, f64::from(zoom), 40.0));
        // The same members (counts, homes, seeds, bounds are exact); the mean position to
        // rounding, as members are summed in another order.
        let exact = |c: &[domain::cluster::Cluster]| c.iter().map(|c| (c.homes, c.count, c.first, c.bounds)).collect::<Vec<_>>();
        prop_assert_eq!(exact(&fast), exact(&naive));
        for (f, n) in fast.iter().zip(&naive) {
            prop_assert!((f.at.lon - n.at.lon).abs() < 1e-9 && (f.at.lat - n.at.lat).abs() < 1e-9);
        }
    }
}

/// Clustering without a grid: every seed, most homes first, takes every free point within the
/// radius, looked for among all points.
fn naive_cluster(points: &[ClusterPoint], zoom: f64, radius: f64) -> Vec<domain::cluster::Cluster> {
    use domain::cluster::{mercator_px, Cluster};
    let px: Vec<(f64, f64)> = points.iter().map(|p| mercator_px(p.at, zoom)).collect();
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|i| (std::cmp::Reverse(points[*i].homes), *i));
    let mut taken = vec![false; points.len()];
    let mut clusters = Vec::new();
    for seed in order {
        if taken[seed] {
            continue;
        }
        let members: Vec<usize> = (0..points.len()).filter(|i| !taken[*i] && (px[*i].0 - px[seed].0).hypot(px[*i].1 - px[seed].1) <= radius).collect();
        let n = members.len() as f64;
        let at = |f: fn(&ClusterPoint) -> f64| members.iter().map(|i| f(&points[*i])).collect::<Vec<_>>();
        let (lons, lats) = (at(|p| p.at.lon), at(|p| p.at.lat));
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        clusters.push(Cluster {
            at: domain::LonLat::lon_lat(lons.iter().sum::<f64>() / n, lats.iter().sum::<f64>() / n),
            homes: members.iter().map(|i| u64::from(points[*i].homes)).sum(),
            count: members.len() as u32,
            first: points[seed].index,
            bounds: [min(&lons), min(&lats), max(&lons), max(&lats)],
            mix: {
                let mut mix = [0u64; domain::segment::CLASS_COUNT];
                for i in &members {
                    mix[points[*i].class.index()] += u64::from(points[*i].homes);
                }
                mix
            },
        });
        for i in members {
            taken[i] = true;
        }
    }
    clusters
}
