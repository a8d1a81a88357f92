//! The deterministic shuffle both model trainers use, so the same data gives the same weights.

/// A small deterministic generator for the shuffles (xorshift64).
pub struct Shuffle(pub u64);

impl Shuffle {
    /// The next number of the sequence.
    fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Shuffles `items` in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.step() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}
