//! Reading JSON into generated structs at run time: the written-out `Deserialize` (over the
//! root's `serde_support`, `serde_impls = "compact"`) against serde's derived one, on the
//! same models (the `models` fixture, and the same fixture with `serde_impls = "derive"`).
//! `cargo bench --bench read`.

use criterion::{Criterion, criterion_group, criterion_main};

#[allow(dead_code, deprecated, clippy::all)]
mod written {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/single/models.rs"));
}

#[allow(dead_code, deprecated, clippy::all)]
mod derived {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/derived/models.rs"));
}

/// A pet with every field set, its owner's best friend nested, and a key no field lists.
const PET: &str = r#"{"id":"p1","name":"Rex","nickname":null,"owner_id":"o1","age":3,"chip_number":9007199254740993,
"weight":4.5,"ratio":0.5,"vaccinated":true,"born":"2020-02-29","updated_at":"2020-01-01T00:00:00Z",
"extra":{"search":["a",1,null]},"photo":"aGVsbG8=","tags":["a","b"],"scores":[1.5,2.0],"labels":{"b":1},
"headers":{"accept":["a"]},"status":"active","owner":{"name":"Ann","best":{"id":"p2","owner_id":null,"age":1,
"vaccinated":false,"updated_at":"2020-01-01T00:00:00-05:00"}},"friends":[],"private":"s","legacy_id":"l",
"unlisted":{"deep":[1,2,3]}}"#;

fn read(c: &mut Criterion) {
    let mut group = c.benchmark_group("read_pet");
    group.bench_function("written_out", |b| {
        b.iter(|| serde_json::from_str::<written::components::Pet>(std::hint::black_box(PET)).unwrap())
    });
    group.bench_function("derived", |b| {
        b.iter(|| serde_json::from_str::<derived::components::Pet>(std::hint::black_box(PET)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
