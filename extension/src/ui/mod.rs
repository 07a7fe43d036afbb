//! UI pieces shared by the content script (inside ProvenBase's pages, in our shadow root) and
//! the extension's own pages: the toast, the auto-sync modal, and the connect flow's driver.

pub mod auto_sync;
pub mod connect;
pub mod toast;

/// Styles for these pieces; the content script puts them in its shadow root, pages in <head>.
pub const STYLE: &str = "
.pbl-toast { position: fixed; top: 16px; left: 50%; transform: translateX(-50%); z-index: 2147483001;
  padding: 10px 16px; border-radius: 8px; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px #0003;
  max-width: 32rem; }
.pbl-toast.ok { background: #ecfdf5; color: #065f46; border: 1px solid #6ee7b7; }
.pbl-toast.bad { background: #fef2f2; color: #991b1b; border: 1px solid #fca5a5; }
.pbl-toast button { margin-left: 12px; background: none; border: none; cursor: pointer; font-size: 16px; color: inherit; }
.pbl-backdrop { position: fixed; inset: 0; background: #0006; z-index: 2147483002; display: grid; place-items: center; }
.pbl-dialog { background: #fff; color: #111827; border-radius: 10px; padding: 20px 24px; width: min(28rem, 90vw);
  font: 14px/1.5 system-ui, sans-serif; box-shadow: 0 10px 40px #0005; }
.pbl-dialog h2 { margin: 0 0 8px; font-size: 17px; }
.pbl-dialog label { display: block; margin: 12px 0; }
.pbl-dialog input[type=number] { width: 6rem; margin-left: 8px; padding: 4px 6px; }
.pbl-actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; }
.pbl-actions button, .pbl-button { padding: 6px 14px; border-radius: 6px; border: 1px solid #4f46e5; cursor: pointer;
  background: #4f46e5; color: #fff; font: inherit; }
.pbl-actions button.secondary, .pbl-button.secondary { background: #fff; color: #4f46e5; }
.pbl-button.danger { background: #b91c1c; border-color: #b91c1c; color: #fff; }
.pbl-confirm { display: inline-flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.pbl-error { color: #b91c1c; }
";
