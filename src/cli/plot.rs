//! The sensitivity chart: for each recorded check, a tornado of the figures
//! that move it most, each bar running from the check's share as written to
//! its share with the figure at the low end (blue) and at the high end (red),
//! drawn with `plotters` into an SVG file.

use std::path::Path;

use plotters::prelude::*;

use crate::game::history::sensitivity::Sensitivity;

const WIDTH: u32 = 1200;
const ROW: u32 = 30;
const HEAD: u32 = 90;

/// Draws the top `top` movers of every check, one panel a check, into `path`.
pub fn tornado(r: &Sensitivity, path: &Path, top: usize) -> Result<(), String> {
    let panels: Vec<_> = (0..r.checks.len())
        .map(|k| {
            let mut m = r.movers(k);
            m.truncate(top);
            m
        })
        .collect();
    let heights: Vec<u32> = panels
        .iter()
        .map(|m| HEAD + ROW * m.len().max(1) as u32)
        .collect();
    let total: u32 = heights.iter().sum::<u32>().max(HEAD);
    let root = SVGBackend::new(path, (WIDTH, total)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let mut rest = root.clone();
    for ((check, movers), h) in r.checks.iter().zip(&panels).zip(&heights) {
        let (area, below) = rest.split_vertically(*h);
        rest = below;
        let n = movers.len().max(1) as i32;
        let names: Vec<String> = movers
            .iter()
            .map(|(f, _)| format!("{} ({}-{})", f.place, f.low, f.high))
            .collect();
        // The largest mover at the top.
        let row = |i: usize| n - 1 - i as i32;
        let mut chart = ChartBuilder::on(&area)
            .caption(
                format!(
                    "{}: {:.1}% as written; blue at the figure's low end, red at its high end",
                    check.id,
                    check.share * 100.0
                ),
                ("sans-serif", 16),
            )
            .margin(10)
            .x_label_area_size(42)
            .y_label_area_size(460)
            // An integer range holds both its ends: rows 0 to n - 1.
            .build_cartesian_2d(0f64..100f64, (0..n - 1).into_segmented())
            .map_err(|e| e.to_string())?;
        let label = |v: &SegmentValue<i32>| -> String {
            match v {
                SegmentValue::CenterOf(y) => {
                    let i = (n - 1 - y) as usize;
                    names.get(i).cloned().unwrap_or_else(|| {
                        if names.is_empty() && *y == 0 {
                            "no figure moves this check".to_string()
                        } else {
                            String::new()
                        }
                    })
                }
                _ => String::new(),
            }
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(BLACK.mix(0.15))
            .x_labels(11)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_labels(n as usize)
            .y_label_formatter(&label)
            .x_desc("share of runs (%)")
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(|e| e.to_string())?;
        for (i, (_, c)) in movers.iter().enumerate() {
            let y = row(i);
            for (end, colour) in [(c.low, BLUE), (c.high, RED)] {
                if end == c.base {
                    continue;
                }
                let mut bar = Rectangle::new(
                    [
                        (c.base * 100.0, SegmentValue::Exact(y)),
                        (end * 100.0, SegmentValue::Exact(y + 1)),
                    ],
                    colour.mix(0.6).filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                chart
                    .draw_series(std::iter::once(bar))
                    .map_err(|e| e.to_string())?;
            }
        }
        let base = check.share * 100.0;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![
                    (base, SegmentValue::Exact(0)),
                    (base, SegmentValue::Exact(n)),
                ],
                BLACK,
            )))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
