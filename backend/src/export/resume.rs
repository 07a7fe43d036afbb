//! The resume attached to each exported candidate, in PDF (pdf-writer, Helvetica) or DOCX
//! (docx-rs). Only the fields the recruiter chose appear, anywhere.

use pdf_writer::Finish as _;
use shared::api::{ExportCandidate, ResumeField, ResumeFormat};

/// The resume's lines: a heading, then one line per chosen field that has a value.
pub fn lines(c: &ExportCandidate, fields: &[ResumeField]) -> Vec<String> {
    let has = |f: ResumeField| fields.contains(&f);
    let mut out = Vec::new();
    if has(ResumeField::Name) && !c.name.trim().is_empty() {
        out.push(c.name.trim().to_owned());
    }
    let title = c.title.as_deref().filter(|_| has(ResumeField::Title));
    let company = c.company.as_deref().filter(|_| has(ResumeField::Company));
    match (title, company) {
        (Some(t), Some(co)) => out.push(format!("{t} at {co}")),
        (Some(t), None) => out.push(t.to_owned()),
        (None, Some(co)) => out.push(co.to_owned()),
        (None, None) => {}
    }
    let joined =
        |label: &str, values: &[String]| (!values.is_empty()).then(|| format!("{label}: {}", values.join(", ")));
    if has(ResumeField::Location) {
        out.extend(c.location.as_ref().map(|l| format!("Location: {l}")));
    }
    if has(ResumeField::Emails) {
        out.extend(joined("Email", &c.emails));
    }
    if has(ResumeField::Phones) {
        out.extend(joined("Phone", &c.phones));
    }
    if has(ResumeField::Links) {
        out.extend(c.linkedin.as_ref().map(|l| format!("LinkedIn: {l}")));
    }
    if has(ResumeField::Skills) {
        out.extend(joined("Skills", &c.skills));
    }
    if has(ResumeField::Experience) && !c.experience.is_empty() {
        out.push("Experience".into());
        out.extend(c.experience.iter().map(|e| format!("- {e}")));
    }
    if has(ResumeField::Education) && !c.education.is_empty() {
        out.push("Education".into());
        out.extend(c.education.iter().map(|e| format!("- {e}")));
    }
    out
}

/// (file name, content type, bytes).
pub fn render(c: &ExportCandidate, fields: &[ResumeField], format: ResumeFormat) -> (String, &'static str, Vec<u8>) {
    let lines = lines(c, fields);
    let stem: String = c.name.chars().filter(|ch| ch.is_alphanumeric()).take(40).collect();
    let stem = if stem.is_empty() { "candidate".to_owned() } else { stem };
    match format {
        ResumeFormat::Pdf => (format!("{stem}-resume.pdf"), "application/pdf", pdf(&lines)),
        ResumeFormat::Docx => (
            format!("{stem}-resume.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx(&lines),
        ),
    }
}

/// Text in the standard Helvetica font (WinAnsi): Latin-1 characters as they are, others as '?'.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).ok().filter(|b| *b >= 0x20).unwrap_or(b'?')).collect()
}

fn pdf(lines: &[String]) -> Vec<u8> {
    use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};
    let (catalog, tree, page_id, font, contents) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    let font_name = Name(b"F1");
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
    page.parent(tree);
    page.contents(contents);
    page.resources().fonts().pair(font_name, font);
    page.finish();
    pdf.type1_font(font).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    let mut content = Content::new();
    content.begin_text();
    content.next_line(56.0, 780.0);
    for (i, line) in lines.iter().enumerate() {
        content.set_font(font_name, if i == 0 { 18.0 } else { 11.0 });
        for chunk in win_ansi(line).chunks(95) {
            content.show(Str(chunk));
            content.next_line(0.0, -16.0);
        }
    }
    content.set_font(font_name, 8.0);
    content.next_line(0.0, -16.0);
    content.show(Str(b"Exported from ProvenBase"));
    content.end_text();
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

fn docx(lines: &[String]) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run};
    let mut doc = Docx::new();
    for (i, line) in lines.iter().enumerate() {
        let run = Run::new().add_text(line.as_str());
        doc = doc.add_paragraph(Paragraph::new().add_run(if i == 0 { run.bold().size(32) } else { run }));
    }
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text("Exported from ProvenBase").size(16)));
    let mut out = std::io::Cursor::new(Vec::new());
    if doc.build().pack(&mut out).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amelie() -> ExportCandidate {
        ExportCandidate {
            name: "Amélie Dubois".into(),
            title: Some("Data Engineer".into()),
            company: Some("Datadog".into()),
            emails: vec!["amelie@example.com".into()],
            phones: vec!["+33 6 12 34 56 78".into()],
            skills: vec!["Scala".into(), "Kafka".into()],
            ..ExportCandidate::default()
        }
    }

    #[test]
    fn only_the_chosen_fields_appear() {
        let text = lines(&amelie(), &[ResumeField::Name, ResumeField::Skills]).join("\n");
        assert!(text.contains("Amélie Dubois") && text.contains("Scala, Kafka"));
        assert!(!text.contains("amelie@example.com") && !text.contains("+33") && !text.contains("Datadog"));
    }

    #[test]
    fn a_pdf_is_a_pdf_holding_the_text() {
        let (name, kind, bytes) = render(&amelie(), &ResumeField::ALL, ResumeFormat::Pdf);
        assert_eq!((name.as_str(), kind), ("AmélieDubois-resume.pdf", "application/pdf"));
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("Data Engineer at Datadog") && text.contains("amelie@example.com"));
    }

    #[test]
    fn a_docx_is_a_zip_holding_the_text() {
        let (_, _, bytes) = render(&amelie(), &[ResumeField::Name, ResumeField::Emails], ResumeFormat::Docx);
        assert!(bytes.starts_with(b"PK"));
        let doc = docx_rs::read_docx(&bytes).expect("reads back");
        let json = doc.json();
        assert!(json.contains("amelie@example.com") && !json.contains("Scala"));
    }
}
