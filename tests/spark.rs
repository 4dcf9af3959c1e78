//! The Spark example (`examples/spark/`) on `local[2]`, against one process:
//! `examples/spark/check.py` makes a corpus with malformed lines from
//! `seeds/`, tags it with this binary alone and on Spark (the example job,
//! and plain `RDD.pipe` with and without `checkCode`), and checks that no
//! good record is lost or changed, that each bad line is reported once with
//! its id and offset, that `--strict` fails the job, and that every output
//! line validates against `examples/spark/schema/tag-output.schema.json`.
//!
//! Needs Java 17+ and pyspark: `. examples/spark/setup.sh` installs both and
//! exports `CHRONICLER_SPARK_PYTHON`; without it the test says so and
//! skips, unless `CHRONICLER_REQUIRE_SPARK=1` (set by `.ci/run`).

use std::path::Path;
use std::process::Command;

#[test]
fn the_spark_example_loses_nothing_and_agrees_with_one_process() {
    let Some(python) = std::env::var_os("CHRONICLER_SPARK_PYTHON") else {
        assert!(
            std::env::var_os("CHRONICLER_REQUIRE_SPARK").is_none_or(|v| v != "1"),
            "CHRONICLER_REQUIRE_SPARK=1 but CHRONICLER_SPARK_PYTHON is not set: source examples/spark/setup.sh"
        );
        eprintln!("skipped: no Spark (source examples/spark/setup.sh to run it)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(python)
        .arg(root.join("examples/spark/check.py"))
        .arg(env!("CARGO_BIN_EXE_chronicler"))
        .arg(root.join("seeds"))
        .arg(work.path().join("check"))
        .args(["--docs", "800"])
        .output()
        .expect("runs the Spark check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(
        out.status.success() && stdout.contains(" passed, 0 failed"),
        "the Spark check failed:\n{stdout}\n{}",
        stderr.lines().rev().take(40).collect::<Vec<_>>().join("\n")
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
}
