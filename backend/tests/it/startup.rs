//! The backend binary's start-up: settings from a config file, and a clear sentence (not a
//! panic) for anything missing or malformed.

use std::process::Command;

fn backend() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backend"));
    for var in ["LEVER_CLIENT_ID", "LEVER_CLIENT_SECRET", "PBL_ENCRYPTION_KEY", "LEVER_ENV", "PBL_CONFIG_FILE"] {
        cmd.env_remove(var);
    }
    cmd
}

#[test]
fn a_missing_client_id_is_named() {
    let out = backend().output().expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--lever-client-id") || err.contains("LEVER_CLIENT_ID"), "{err}");
}

#[test]
fn settings_come_from_the_config_file_and_a_bad_key_is_explained() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("backend.env");
    std::fs::write(
        &file,
        "LEVER_CLIENT_ID=from-file\nLEVER_CLIENT_SECRET=file-secret-value\nPBL_ENCRYPTION_KEY=dG9vLXNob3J0\nLEVER_ENV=sandbox\n",
    )
    .expect("written");
    let out = backend().arg("--config").arg(&file).output().expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PBL_ENCRYPTION_KEY must be 32 bytes"), "{err}");
    assert!(!err.contains("file-secret-value"), "the secret is never printed: {err}");
}

#[test]
fn an_unreadable_config_file_is_named() {
    let out = backend().args(["--config", "/nonexistent/backend.env"]).output().expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read the config file /nonexistent/backend.env"), "{err}");
}
