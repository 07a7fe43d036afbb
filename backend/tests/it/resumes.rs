//! Resumes as a recruiter's colleague opens them: every chosen value, in every script, read back
//! from the PDF by another library (Poppler's `pdftotext`) and from the DOCX; nothing that was not
//! chosen, in the text or the metadata; long resumes flow over pages instead of being cut.

use backend::export::resume::render;
use shared::api::{Candidate, ResumeField, ResumeFormat};

/// Someone whose details need every script the product promises.
fn polyglot() -> Candidate {
    Candidate {
        ref_id: "1".into(),
        name: "王小明 محمد Łukasz".into(),
        title: Some("Ingeniera de Datos".into()),
        company: Some("Ελληνική Εταιρεία".into()),
        emails: vec!["wang.xiaoming@example.com".into()],
        phones: vec!["+86 10 1234 5678".into()],
        linkedin: Some("https://www.linkedin.com/in/wangxiaoming/".into()),
        location: Some("Москва".into()),
        skills: vec!["Rust".into(), "日本語".into(), "עברית".into()],
        experience: (1..=110)
            .map(|i| format!("Role {i}: built data pipelines and mentored engineers at Initech, 2010–2024"))
            .chain(["データエンジニア、東京 2019–2021".to_owned(), "مهندس بيانات في القاهرة".to_owned()])
            .collect(),
        education: vec!["École Polytechnique".into(), "האוניברסיטה העברית".into(), "서울대학교".into()],
        summary: Some("Builds data platforms across Europe and Asia; mentors new engineers.".into()),
        locked: false,
        profile_url: None,
    }
}

/// The PDF's text as `pdftotext` reads it, and its page count.
fn read_pdf(bytes: &[u8]) -> (String, usize) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("resume.pdf");
    std::fs::write(&path, bytes).expect("written");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (cargo xtask setup installs Debian's poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages = text.matches('\u{c}').count();
    (text, pages)
}

/// Whitespace folded, so a value wrapped over two lines still reads as written.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_chosen_value_prints_in_every_script_and_flows_over_pages() {
    let c = polyglot();
    let (_, _, pdf) = render(&c, &ResumeField::ALL, ResumeFormat::Pdf);
    let (text, pages) = read_pdf(&pdf);
    let text = folded(&text);
    assert!(pages >= 3, "110 roles take at least three pages, not {pages}");
    let mut values: Vec<String> = vec![
        "王小明".into(),
        "محمد".into(),
        "Łukasz".into(),
        "Ingeniera de Datos at Ελληνική Εταιρεία".into(),
        "Москва".into(),
        "wang.xiaoming@example.com".into(),
        "+86 10 1234 5678".into(),
        "https://www.linkedin.com/in/wangxiaoming/".into(),
        "Rust, 日本語,".into(),
        "עברית".into(),
        "データエンジニア、東京 2019–2021".into(),
        "École Polytechnique".into(),
        "서울대학교".into(),
        "Builds data platforms across Europe and Asia; mentors new engineers.".into(),
    ];
    values.extend(c.experience.iter().take(110).cloned());
    for value in &values {
        assert!(text.contains(value.as_str()), "{value:?} is missing from the PDF's text:\n{text}");
    }
    assert!(!text.contains('?'), "no character replaced: {text}");
    for rtl in ["مهندس بيانات في القاهرة", "האוניברסיטה העברית"] {
        let words_found = rtl.split(' ').all(|w| text.contains(w));
        assert!(words_found, "{rtl:?} (right to left) is missing: {text}");
    }
}

#[test]
fn fields_not_chosen_are_nowhere_in_the_pdf_or_its_metadata_or_the_docx() {
    let c = polyglot();
    let chosen = [ResumeField::Name, ResumeField::Skills];
    let (_, _, pdf) = render(&c, &chosen, ResumeFormat::Pdf);
    let (text, _) = read_pdf(&pdf);
    assert!(folded(&text).contains("王小明 محمد Łukasz") || (text.contains("王小明") && text.contains("Łukasz")));
    let raw = String::from_utf8_lossy(&pdf);
    for absent in ["wang.xiaoming", "Москва", "Initech", "Polytechnique", "1234", "linkedin", "Ingeniera"] {
        assert!(!text.contains(absent), "{absent} was not chosen but is in the text");
        assert!(!raw.contains(absent), "{absent} was not chosen but is in the file (metadata?)");
    }
    let (_, _, docx) = render(&c, &chosen, ResumeFormat::Docx);
    let json = docx_rs::read_docx(&docx).expect("reads back").json();
    assert!(json.contains("王小明 محمد Łukasz") && json.contains("日本語"));
    for absent in ["wang.xiaoming", "Москва", "Initech", "Polytechnique"] {
        assert!(!json.contains(absent), "{absent} was not chosen but is in the DOCX");
    }
}

#[test]
fn a_docx_sets_fonts_for_every_script_and_holds_every_value() {
    let c = polyglot();
    let (_, _, docx) = render(&c, &ResumeField::ALL, ResumeFormat::Docx);
    let json = docx_rs::read_docx(&docx).expect("reads back").json();
    for value in ["王小明 محمد Łukasz", "Москва", "서울대학교", "האוניברסיטה העברית", "Role 110:"]
    {
        assert!(json.contains(value), "{value} is missing from the DOCX");
    }
    for font in ["Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic"] {
        assert!(json.contains(font), "{font} is not set");
    }
}

#[test]
fn a_latin_resume_stays_small() {
    let amelie = Candidate {
        name: "Amélie Dubois".into(),
        title: Some("Senior Data Engineer".into()),
        emails: vec!["amelie.dubois@example.com".into()],
        experience: vec!["Datadog, 2020–2024".into()],
        ..Candidate::default()
    };
    let (_, _, pdf) = render(&amelie, &ResumeField::ALL, ResumeFormat::Pdf);
    assert!(pdf.len() < 120 * 1024, "{} KB: only the glyphs used are embedded", pdf.len() / 1024);
}
