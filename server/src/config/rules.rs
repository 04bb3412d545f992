//! The numbers that describe the province's housing policy, from `provincie.toml`: the price
//! limits per year, the housing-deal targets and the norms.

use super::records::{NormRecord, PriceLimitsRecord, TargetRecord};
use crate::error::{Error, Result};
use domain::province::{Cents, TargetKind};
use domain::{Norm, PriceClass, PriceLimits, Ratio, Target};
use std::path::Path;

pub(super) fn price_limits(path: &Path, records: &[PriceLimitsRecord]) -> Result<Vec<PriceLimits>> {
    let mut price_limits = Vec::new();
    for (i, l) in records.iter().enumerate() {
        let cents = |field: &str, v: Option<f64>| -> Result<Option<Cents>> {
            match v {
                None => Ok(None),
                Some(x) if x.is_finite() && x > 0.0 => Ok(Some((x * 100.0).round() as Cents)),
                Some(x) => Err(Error::config(path, format!("prijsgrenzen[{i}].{field}"), format!("{x} is geen positief bedrag"))),
            }
        };
        let provisional = l
            .voorlopig
            .iter()
            .enumerate()
            .map(|(j, s)| {
                PriceClass::from_slug(s).ok_or_else(|| {
                    Error::config(
                        path,
                        format!("prijsgrenzen[{i}].voorlopig[{j}]"),
                        format!("onbekende prijsklasse '{s}' (toegestaan: {})", PriceClass::slugs()),
                    )
                })
            })
            .collect::<Result<_>>()?;
        price_limits.push(PriceLimits {
            year: l.jaar,
            sociale_huur_max: cents("sociale_huur_tot", l.sociale_huur_tot)?,
            middenhuur_max: cents("middenhuur_tot", l.middenhuur_tot)?,
            betaalbare_koop_max: cents("betaalbare_koop_tot", l.betaalbare_koop_tot)?,
            provisional,
            source: l.bron.clone(),
        });
    }

    Ok(price_limits)
}

pub(super) fn targets(path: &Path, records: &[TargetRecord]) -> Result<Vec<Target>> {
    records
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let kind = TargetKind::from_slug(&t.soort).ok_or_else(|| {
                Error::config(path, format!("doel[{i}].soort"), format!("onbekende soort '{}' (toegestaan: {})", t.soort, TargetKind::slugs()))
            })?;
            Ok(Target {
                region: t.regio.as_deref().map(Into::into),
                kind,
                homes: t.woningen,
                from_year: t.van,
                to_year: t.tot,
                classes: price_classes(path, &format!("doel[{i}].prijsklassen"), &t.prijsklassen)?,
                source: t.bron.clone(),
            })
        })
        .collect()
}

pub(super) fn norms(path: &Path, records: &[NormRecord]) -> Result<Vec<Norm>> {
    records
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Ok(Norm {
                id: n.id.clone(),
                label: n.naam.clone(),
                classes: price_classes(path, &format!("norm[{i}].prijsklassen"), &n.prijsklassen)?,
                minimum: Ratio::parse(&n.minimaal).map_err(|e| Error::config(path, format!("norm[{i}].minimaal"), e))?,
                source: n.bron.clone(),
            })
        })
        .collect()
}

fn price_classes(path: &Path, field: &str, slugs: &[String]) -> Result<Vec<PriceClass>> {
    slugs
        .iter()
        .enumerate()
        .map(|(j, s)| {
            PriceClass::from_slug(s)
                .ok_or_else(|| Error::config(path, format!("{field}[{j}]"), format!("onbekende prijsklasse '{s}' (toegestaan: {})", PriceClass::slugs())))
        })
        .collect()
}
