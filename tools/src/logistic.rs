//! Logistic regression over hashed features, one score per class: the fitting behind the claim
//! model and the breach-notice model (`tools/examples/train_*_model.rs`). Deterministic: the
//! same examples in the same order give the same weights.

use crate::shuffle::Shuffle;
use haken::linear::fnv1a;
use std::collections::HashMap;

/// One training example: its feature hashes (the bias among them) and a label per class.
pub struct Example<const N: usize> {
    pub hashes: Vec<u32>,
    pub labels: [bool; N],
}

/// How to fit.
pub struct Fit {
    pub epochs: usize,
    /// Step size of the first epoch.
    pub rate: f32,
    /// The step size shrinks by this factor after each epoch.
    pub decay: f32,
    /// L2 penalty per step.
    pub l2: f32,
}

/// The hash of the bias feature every example carries.
pub fn bias() -> u32 {
    fnv1a("bias")
}

/// Fits by stochastic gradient descent. Positives weigh the square root of the class
/// imbalance; a long example's step is scaled down by its length; the bias moves slowly.
pub fn fit<const N: usize>(examples: &[&Example<N>], how: &Fit) -> HashMap<u32, [f32; N]> {
    let mut weights: HashMap<u32, [f32; N]> = HashMap::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut boost = [1f32; N];
    for (c, b) in boost.iter_mut().enumerate() {
        let pos = examples.iter().filter(|e| e.labels[c]).count().max(1) as f32;
        *b = ((examples.len() as f32 - pos) / pos).sqrt();
    }
    let bias = bias();
    let mut shuffle = Shuffle(0x9e37_79b9_7f4a_7c15);
    let mut rate = how.rate;
    for _ in 0..how.epochs {
        shuffle.shuffle(&mut order);
        for &i in &order {
            let ex = examples[i];
            let score = score(&weights, &ex.hashes);
            let norm = (ex.hashes.len() as f32).sqrt().max(1.0);
            for h in &ex.hashes {
                let w = weights.entry(*h).or_insert([0.0; N]);
                for c in 0..N {
                    let p = 1.0 / (1.0 + (-score[c].clamp(-30.0, 30.0)).exp());
                    let target = if ex.labels[c] { 1.0 } else { 0.0 };
                    let mut g = p - target;
                    if ex.labels[c] {
                        g *= boost[c];
                    }
                    if *h == bias {
                        w[c] -= rate * 0.1 * g;
                    } else {
                        w[c] -= rate * (g / norm + how.l2 * w[c]);
                    }
                }
            }
        }
        rate *= how.decay;
    }
    weights
}

/// The scores (log-odds) of an example's features.
pub fn score<const N: usize>(weights: &HashMap<u32, [f32; N]>, hashes: &[u32]) -> [f32; N] {
    let mut s = [0f32; N];
    for h in hashes {
        if let Some(w) = weights.get(h) {
            for (a, b) in s.iter_mut().zip(w) {
                *a += b;
            }
        }
    }
    s
}

/// The `keep` features of largest weight (any class) and the bias, as rows to write.
pub fn prune<const N: usize>(
    weights: &HashMap<u32, [f32; N]>,
    keep: usize,
) -> Vec<(u32, [f32; N])> {
    let bias = bias();
    let mut ranked: Vec<(f32, u32)> = weights
        .iter()
        .filter(|(h, _)| **h != bias)
        .map(|(h, w)| (w.iter().fold(0f32, |m, v| m.max(v.abs())), *h))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut rows: Vec<(u32, [f32; N])> = ranked
        .iter()
        .take(keep)
        .map(|(_, h)| (*h, weights[h]))
        .collect();
    rows.push((bias, weights.get(&bias).copied().unwrap_or([0.0; N])));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_seen_only_with_positives_weighs_for_the_class() {
        let pos = fnv1a("w:leak");
        let neg = fnv1a("w:cookie");
        let examples: Vec<Example<1>> = (0..20)
            .map(|i| Example {
                hashes: vec![if i % 2 == 0 { pos } else { neg }, bias()],
                labels: [i % 2 == 0],
            })
            .collect();
        let refs: Vec<&Example<1>> = examples.iter().collect();
        let how = Fit {
            epochs: 5,
            rate: 0.5,
            decay: 0.9,
            l2: 0.0,
        };
        let w = fit(&refs, &how);
        assert!(score(&w, &[pos, bias()])[0] > 0.0);
        assert!(score(&w, &[neg, bias()])[0] < 0.0);
        // Deterministic, and pruning keeps the bias.
        assert_eq!(w, fit(&refs, &how));
        let rows = prune(&w, 1);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, bias());
    }
}
