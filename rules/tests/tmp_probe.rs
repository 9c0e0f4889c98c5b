use accord_rules::protobuf::{self, ProtoInput};
#[test]
fn probe() {
    let dir = std::env::var("PROBE").unwrap();
    let l = protobuf::load(&ProtoInput::Path(dir.into()), &[]).unwrap();
    let f = l.image.file("a.proto").unwrap();
    let mut v: Vec<_> = f.locations().map(|(p, l)| (p.clone(), l.span)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, s) in v {
        println!(
            "{p:?} {}:{}-{}:{}",
            s.line, s.column, s.end_line, s.end_column
        );
    }
}
