//! Seeds a broker database for the matrix benchmark (`bench/pact-matrix.sh`): PACTICIPANTS
//! applications, INTEGRATIONS consumer→provider pairs, VERSIONS versions of each, a pact per
//! consumer version (its content changing every 10 versions), verifications by each provider
//! version of its own consumer version's pact and of the pact in production (one in 13
//! failing), and one or two versions of each application deployed to
//! `production`. Writes the can-i-deploy request paths to query, one per line.
//!
//!   cargo run --release -p accord-broker --example seed_matrix -- DATABASE_URL PATHS_FILE \
//!       [PACTICIPANTS INTEGRATIONS VERSIONS]

use accord_broker::AnyStore;
use accord_broker::pact::matrix::seed;
use std::collections::HashSet;
use std::io::Write;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(paths)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: seed_matrix DATABASE_URL PATHS_FILE [PACTICIPANTS INTEGRATIONS VERSIONS]"
        );
        std::process::exit(2);
    };
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let (n_apps, n_integrations, n_versions) = (num(3, 200), num(4, 300), num(5, 500));
    let started = std::time::Instant::now();
    let store = AnyStore::connect(url).await?;

    let names: Vec<String> = (0..n_apps).map(|i| format!("app-{i:03}")).collect();
    let ids = seed::bulk_pacticipants(&store, &names).await?;
    let pid = |i: usize| ids[&names[i]];

    // Distinct consumer→provider pairs, spread over all applications.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut seen = HashSet::new();
    let mut k = 0usize;
    while pairs.len() < n_integrations {
        let c = k % n_apps;
        let p = (k * 7 + 1 + k / n_apps) % n_apps;
        k += 1;
        if c != p && seen.insert((c, p)) {
            pairs.push((c, p));
        }
        if k > n_apps * n_apps * 8 {
            break;
        }
    }

    let number = |i: usize| format!("1.0.{i}");
    let mut versions: Vec<(i64, String)> = Vec::with_capacity(n_apps * n_versions);
    for i in 0..n_versions {
        for a in 0..n_apps {
            versions.push((pid(a), number(i)));
        }
    }
    let vids = seed::bulk_versions(&store, &versions).await?;
    let vid = |a: usize, i: usize| vids[&(pid(a), number(i))];
    eprintln!("seeded {} versions ({:?})", vids.len(), started.elapsed());

    let mut pacts = Vec::with_capacity(pairs.len() * n_versions);
    for &(c, p) in &pairs {
        for i in 0..n_versions {
            let content = format!(
                r#"{{"consumer":{{"name":"{}"}},"provider":{{"name":"{}"}},"interactions":[{{"description":"request {}"}}],"metadata":{{"pactSpecification":{{"version":"3.0.0"}}}}}}"#,
                names[c],
                names[p],
                i / 10
            );
            pacts.push((vid(c, i), pid(c), pid(p), content));
        }
    }
    let contents = seed::bulk_pacts(&store, &pacts).await?;
    eprintln!("seeded {} pacts ({:?})", pacts.len(), started.elapsed());

    let deployed = n_versions / 2;
    let mut results = Vec::with_capacity(pacts.len() * 3 / 2);
    for (n, &(_, p)) in pairs.iter().enumerate() {
        for j in 0..n_versions {
            // Provider version j verified consumer version j's pact, and (as provider CI
            // does) the pact of the consumer version in production.
            let content = contents[n * n_versions + j];
            results.push((content, vid(p, j), j % 13 != 0));
            let in_prod = contents[n * n_versions + deployed];
            if j > deployed && in_prod != content {
                results.push((in_prod, vid(p, j), j % 13 != 0));
            }
        }
    }
    seed::bulk_verifications(&store, &results).await?;
    eprintln!(
        "seeded {} verifications ({:?})",
        results.len(),
        started.elapsed()
    );

    let prod = seed::environment(&store, "production", true).await?;
    for a in 0..n_apps {
        seed::deploy(&store, vid(a, deployed), prod, Some("blue")).await?;
        if a % 5 == 0 {
            seed::deploy(&store, vid(a, deployed - 1), prod, Some("green")).await?;
        }
    }

    seed::analyze(&store).await?;

    // Candidate versions going to production, spread over applications and versions.
    let mut out = std::io::BufWriter::new(std::fs::File::create(paths)?);
    for n in 0..1000usize {
        let a = (n * 37) % n_apps;
        let i = deployed + 1 + (n * 11) % (n_versions - deployed - 1).max(1);
        writeln!(
            out,
            "/can-i-deploy?pacticipant={}&version={}&environment=production",
            names[a],
            number(i.min(n_versions - 1))
        )?;
    }
    out.flush()?;
    store.close().await;
    eprintln!("done in {:?}", started.elapsed());
    Ok(())
}
