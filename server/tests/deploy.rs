//! The production set-up in `server/deploy`: the systemd unit passes `systemd-analyze verify`
//! with nothing to say and its exposure stays low (or, on a machine without systemd, the
//! essentials are checked by hand), and the example settings are settings the server knows.

use std::path::Path;
use std::process::Command;

const DEPLOY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy");

fn unit() -> String {
    std::fs::read_to_string(Path::new(DEPLOY).join("loomeklaster.service")).unwrap()
}

#[test]
fn the_service_unit_is_valid_and_confined() {
    let unit = unit();
    for essential in [
        "User=loomeklaster",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/loomeklaster",
        "NoNewPrivileges=true",
        "ExecStart=/opt/loomeklaster/server serve",
    ] {
        assert!(unit.lines().any(|line| line == essential), "{essential}");
    }
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("systemd-analyze is not here: only the essentials were checked");
        return;
    }
    // Checked as installed, but with this build's binary (verify wants an executable).
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("loomeklaster.service");
    let unit = unit
        .replace("/opt/loomeklaster/server", env!("CARGO_BIN_EXE_server"))
        .replace("WorkingDirectory=/opt/loomeklaster", "WorkingDirectory=/")
        .replace("EnvironmentFile=/", "EnvironmentFile=-/");
    std::fs::write(&file, unit).unwrap();
    let verify = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&file)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(verify.status.success() && said.trim().is_empty(), "{said}");

    let security = Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&security.stdout);
    let exposure: f64 = report
        .lines()
        .find_map(|line| {
            line.split("Overall exposure level for loomeklaster.service: ")
                .nth(1)
        })
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("{report}"));
    assert!(exposure <= 2.0, "exposure {exposure}:\n{report}");
}

#[test]
fn the_example_settings_are_the_servers() {
    let example = std::fs::read_to_string(Path::new(DEPLOY).join("environment.example")).unwrap();
    let help = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    let known: Vec<&str> = ["LOG_FORMAT", "RUST_LOG"].into();
    for line in example
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (name, _) = line.split_once('=').unwrap();
        assert!(
            known.contains(&name) || help.contains(&format!("[env: {name}=")),
            "{name} is not a setting of the server"
        );
    }
}
