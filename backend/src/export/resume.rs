//! The resume attached to each exported candidate, in PDF or DOCX. Only the fields the recruiter
//! chose appear, anywhere (text and metadata alike).
//!
//! The PDF is laid out here: a name, a headline, a contact block, then sections; text wraps to the
//! page and flows over as many pages as it needs. Any script prints: each run of text takes the
//! first embedded OFL font that covers it (Noto Sans for Latin, Greek and Cyrillic, then Arabic,
//! Hebrew and CJK), is shaped by rustybuzz and ordered by the Unicode bidi algorithm (Arabic and
//! Hebrew read right to left), and krilla embeds only the glyphs used (with their Unicode, so the
//! text can be searched and copied). What no font covers shows the font's fallback box.
//!
//! Long because both formats render the same resume, side by side, and its fonts' coverage matters to both.

use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, Glyph as _, GlyphId, KrillaGlyph};
use shared::api::{Candidate, ResumeField, ResumeFormat};

/// What the resume says, in reading order; built from the chosen fields only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resume {
    pub name: Option<String>,
    pub headline: Option<String>,
    /// (label, value): "Email", "amelie@example.com".
    pub contact: Vec<(&'static str, String)>,
    /// (heading, items): "Experience", ["Datadog, 2020–2024", …].
    pub sections: Vec<(&'static str, Vec<String>)>,
}

impl Resume {
    pub fn of(c: &Candidate, fields: &[ResumeField]) -> Self {
        let has = |f: ResumeField| fields.contains(&f);
        let present = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
        let title = c.title.as_deref().filter(|_| has(ResumeField::Title)).and_then(present);
        let company = c.company.as_deref().filter(|_| has(ResumeField::Company)).and_then(present);
        let headline = match (title, company) {
            (Some(t), Some(co)) => Some(format!("{t} at {co}")),
            (t, co) => t.or(co),
        };
        let mut contact = Vec::new();
        let mut add = |field: ResumeField, label: &'static str, values: &[String]| {
            if has(field) {
                contact.extend(values.iter().filter_map(|v| present(v)).map(|v| (label, v)));
            }
        };
        add(ResumeField::Location, "Location", c.location.as_slice());
        add(ResumeField::Emails, "Email", &c.emails);
        add(ResumeField::Phones, "Phone", &c.phones);
        add(ResumeField::Links, "LinkedIn", c.linkedin.as_slice());
        let mut sections = Vec::new();
        let mut section = |field: ResumeField, heading: &'static str, items: Vec<String>| {
            let items: Vec<String> = items.iter().filter_map(|v| present(v)).collect();
            if has(field) && !items.is_empty() {
                sections.push((heading, items));
            }
        };
        section(ResumeField::Summary, "Summary", c.summary.iter().cloned().collect());
        section(ResumeField::Skills, "Skills", vec![c.skills.join(", ")]);
        section(ResumeField::Experience, "Experience", c.experience.clone());
        section(ResumeField::Education, "Education", c.education.clone());
        Self { name: present(&c.name).filter(|_| has(ResumeField::Name)), headline, contact, sections }
    }

    /// Every line of text, in reading order (the DOCX's paragraphs, and what tests look for).
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.name.iter().chain(&self.headline).cloned().collect();
        out.extend(self.contact.iter().map(|(label, value)| format!("{label}: {value}")));
        for (heading, items) in &self.sections {
            out.push((*heading).to_owned());
            out.extend(items.iter().cloned());
        }
        out
    }
}

/// (file name, content type, bytes).
pub fn render(c: &Candidate, fields: &[ResumeField], format: ResumeFormat) -> (String, &'static str, Vec<u8>) {
    let resume = Resume::of(c, fields);
    let stem: String = c.name.chars().filter(|ch| ch.is_alphanumeric()).take(40).collect();
    let stem = if stem.is_empty() { "candidate".to_owned() } else { stem };
    match format {
        ResumeFormat::Pdf => (format!("{stem}-resume.pdf"), "application/pdf", pdf(&resume)),
        ResumeFormat::Docx => (
            format!("{stem}-resume.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx(&resume),
        ),
    }
}

// ---- fonts ----

/// One embedded font: for krilla (embedding) and rustybuzz (coverage and shaping).
struct Face {
    pdf: Font,
    shaper: rustybuzz::Face<'static>,
}

struct Fonts {
    regular: Face,
    bold: Face,
    /// Tried in order for what the Latin font lacks.
    fallbacks: Vec<Face>,
}

fn face(bytes: &'static [u8]) -> Option<Face> {
    Some(Face { pdf: Font::new(bytes.into(), 0)?, shaper: rustybuzz::Face::from_slice(bytes, 0)? })
}

fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: face(include_bytes!("../../fonts/NotoSans-Regular.ttf"))?,
                bold: face(include_bytes!("../../fonts/NotoSans-Bold.ttf"))?,
                fallbacks: vec![
                    face(include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"))?,
                    face(include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"))?,
                    face(include_bytes!("../../fonts/NotoSansCJKsc-Subset.otf"))?,
                ],
            })
        })
        .as_ref()
}

impl Fonts {
    /// The face for `ch` in the given weight: the Latin face when it covers it, else the first
    /// fallback that does, else the Latin face (its fallback box).
    fn for_char(&self, ch: char, bold: bool) -> &Face {
        let main = if bold { &self.bold } else { &self.regular };
        if main.shaper.glyph_index(ch).is_some() {
            return main;
        }
        self.fallbacks.iter().find(|f| f.shaper.glyph_index(ch).is_some()).unwrap_or(main)
    }
}

// ---- text: runs, shaping, lines ----

#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    gray: u8,
}

/// A shaped piece of one line: one face, one direction.
struct Run {
    face: &'static Face,
    glyphs: Vec<KrillaGlyph>,
    text: String,
    width: f32,
}

/// Shapes `text` (one face, one direction); widths in points at `size`.
fn shape(face: &'static Face, text: &str, rtl: bool, size: f32) -> Run {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
    let output = rustybuzz::shape(&face.shaper, &[], buffer);
    let upem = f32::from(u16::try_from(face.shaper.units_per_em()).unwrap_or(1000).max(1));
    let (infos, positions) = (output.glyph_infos(), output.glyph_positions());
    // Each glyph's text is its cluster up to the next cluster (in logical order).
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| starts.iter().find(|s| **s > start).copied().unwrap_or(text.len());
    let mut width = 0.0;
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            let advance = pos.x_advance as f32 / upem;
            width += advance * size;
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end_of(start),
                None,
            )
        })
        .collect();
    Run { face, glyphs, text: text.to_owned(), width }
}

fn is_cjk(ch: char) -> bool {
    matches!(u32::from(ch), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Where a line may break: after spaces, and between CJK characters (written without spaces).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, ch) in text.char_indices() {
        let breaks = prev.is_some_and(|p| p.is_whitespace() && !ch.is_whitespace() || is_cjk(p) || is_cjk(ch));
        if breaks && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(ch);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// `text` as visual runs (left to right on the page), each in one face and one direction.
fn runs(fonts: &'static Fonts, text: &str, style: Style) -> (Vec<Run>, bool) {
    use unicode_bidi::BidiInfo;
    let bidi = BidiInfo::new(text, None);
    let Some(paragraph) = bidi.paragraphs.first() else { return (Vec::new(), false) };
    let rtl_paragraph = paragraph.level.is_rtl();
    let (levels, visual) = bidi.visual_runs(paragraph, paragraph.range.clone());
    let mut out = Vec::new();
    for range in visual {
        let rtl = levels[range.start].is_rtl();
        let mut pieces = pieces(fonts, text, range, rtl, style.bold);
        if rtl {
            pieces.reverse();
        }
        out.extend(pieces.into_iter().map(|(face, r)| shape(face, &text[r], rtl, style.size)));
    }
    (out, rtl_paragraph)
}

/// `text[range]` split where the face changes, in logical order. Punctuation keeps the current
/// face, and so do spaces inside right-to-left text (Arabic and Hebrew words stay one run); other
/// spaces take the Latin face (a CJK font's space is wider than a Latin one).
fn pieces(
    fonts: &'static Fonts,
    text: &str,
    range: std::ops::Range<usize>,
    rtl: bool,
    bold: bool,
) -> Vec<(&'static Face, std::ops::Range<usize>)> {
    let mut pieces: Vec<(&'static Face, std::ops::Range<usize>)> = Vec::new();
    for (offset, ch) in text[range.clone()].char_indices() {
        let at = range.start + offset;
        let end = at + ch.len_utf8();
        let face = if ch.is_whitespace() && !rtl { fonts.for_char(' ', bold) } else { fonts.for_char(ch, bold) };
        let keeps = ch.is_ascii_punctuation() || (ch.is_whitespace() && rtl);
        match pieces.last_mut() {
            Some((f, r)) if keeps && f.shaper.glyph_index(ch).is_some() => r.end = end,
            Some((f, r)) if std::ptr::eq(*f, face) => r.end = end,
            _ => pieces.push((face, at..end)),
        }
    }
    pieces
}

/// `text` broken into lines no wider than `width` points.
fn wrap(fonts: &'static Fonts, text: &str, style: Style, width: f32) -> Vec<String> {
    // The paragraph is shaped once (per face), and each piece's width summed from its clusters'
    // advances: shaping every candidate line again would cost O(n²) shapes a paragraph.
    let advances = advances(fonts, text, style);
    let measure = |from: usize, to: usize| advances[from..to].iter().sum::<f32>();
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0; // where the current line starts in `text`
    let mut end = 0; // where its last token ends
    for token in tokens(text) {
        let at = token.as_ptr() as usize - text.as_ptr() as usize;
        let visible_end = at + token.trim_end().len();
        let line_start = start + (text[start..at].len() - text[start..at].trim_start().len());
        if end > start && measure(line_start, visible_end) > width {
            lines.push(text[start..end].trim().to_owned());
            start = at;
        }
        end = at + token.len();
        // A single token wider than the line (a long URL): cut it by characters.
        let mut from = start + (text[start..end].len() - text[start..end].trim_start().len());
        while measure(from, text[..end].trim_end().len().max(from)) > width {
            let mut cut = from;
            for (i, ch) in text[from..end].char_indices() {
                let next = from + i + ch.len_utf8();
                if cut > from && measure(from, next) > width {
                    break;
                }
                cut = next;
            }
            if cut >= end {
                break;
            }
            lines.push(text[from..cut].to_owned());
            from = cut;
            start = cut;
        }
    }
    if !text[start..].trim().is_empty() {
        lines.push(text[start..].trim().to_owned());
    }
    lines
}

/// For each byte of `text`, the advance (points) of the cluster starting there, else 0.
fn advances(fonts: &'static Fonts, text: &str, style: Style) -> Vec<f32> {
    let mut out = vec![0.0; text.len() + 1];
    for (face, range) in pieces(fonts, text, 0..text.len(), false, style.bold) {
        let rtl = text[range.clone()].chars().any(|c| {
            unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::AL
                || unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::R
        });
        for glyph in shape(face, &text[range.clone()], rtl, style.size).glyphs {
            out[range.start + glyph.text_range().start] += glyph.x_advance(style.size);
        }
    }
    out
}

// ---- the PDF ----

const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;

/// Pages of drawn lines; a new page when the next line would cross the bottom margin.
struct Pages {
    fonts: &'static Fonts,
    document: krilla::Document,
    /// (line, style, x indent, y from the top) of the page being filled.
    page: Vec<(String, Style, f32, f32)>,
    y: f32,
    count: u32,
}

impl Pages {
    fn line(&mut self, text: &str, style: Style, indent: f32) {
        let height = style.size * 1.45;
        if self.y + height > PAGE.1 - MARGIN - 20.0 {
            self.flush();
        }
        self.page.push((text.to_owned(), style, indent, self.y + style.size));
        self.y += height;
    }

    fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        for line in wrap(self.fonts, text, style, TEXT_WIDTH - indent) {
            self.line(&line, style, indent);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn flush(&mut self) {
        self.count += 1;
        let lines = std::mem::take(&mut self.page);
        let mut page = self.document.start_page_with(PageSettings::from_wh(PAGE.0, PAGE.1).unwrap_or_default());
        let mut surface = page.surface();
        for (text, style, indent, baseline) in lines {
            draw_line(&mut surface, self.fonts, &text, style, indent, baseline);
        }
        let footer = Style { size: 8.0, bold: false, gray: 120 };
        draw_line(
            &mut surface,
            self.fonts,
            &format!("Exported from ProvenBase \u{b7} page {}", self.count),
            footer,
            0.0,
            PAGE.1 - MARGIN / 2.0,
        );
        surface.finish();
        page.finish();
        self.y = MARGIN;
    }
}

fn draw_line(surface: &mut Surface<'_>, fonts: &'static Fonts, text: &str, style: Style, indent: f32, baseline: f32) {
    let (runs, rtl) = runs(fonts, text, style);
    let width: f32 = runs.iter().map(|r| r.width).sum();
    let mut x = if rtl { PAGE.0 - MARGIN - width } else { MARGIN + indent };
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(style.gray / 3, style.gray / 3, style.gray).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
    for run in runs {
        surface.draw_glyphs(
            Point::from_xy(x, baseline),
            &run.glyphs,
            run.face.pdf.clone(),
            &run.text,
            style.size,
            false,
        );
        x += run.width;
    }
}

fn pdf(resume: &Resume) -> Vec<u8> {
    let Some(fonts) = fonts() else { return Vec::new() };
    let mut pages = Pages { fonts, document: krilla::Document::new(), page: Vec::new(), y: MARGIN, count: 0 };
    let (title, headline, body, heading) = (
        Style { size: 20.0, bold: true, gray: 30 },
        Style { size: 12.0, bold: false, gray: 60 },
        Style { size: 10.5, bold: false, gray: 20 },
        Style { size: 12.0, bold: true, gray: 140 },
    );
    if let Some(name) = &resume.name {
        pages.paragraph(name, title, 0.0);
    }
    if let Some(line) = &resume.headline {
        pages.paragraph(line, headline, 0.0);
    }
    if !resume.contact.is_empty() {
        pages.gap(6.0);
    }
    for (label, value) in &resume.contact {
        pages.paragraph(&format!("{label}: {value}"), body, 0.0);
    }
    for (name, items) in &resume.sections {
        pages.gap(10.0);
        pages.paragraph(name, heading, 0.0);
        for item in items {
            match *name {
                "Summary" => pages.paragraph(item, body, 0.0),
                _ => pages.paragraph(&format!("\u{2022} {item}"), body, 8.0),
            }
        }
    }
    pages.flush();
    pages.document.finish().unwrap_or_default()
}

// ---- the DOCX ----

fn docx(resume: &Resume) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run, RunFonts};
    // Word picks the font by script: Latin (ascii, hAnsi), East Asian, complex scripts (Arabic, Hebrew).
    let fonts =
        || RunFonts::new().ascii("Noto Sans").hi_ansi("Noto Sans").east_asia("Noto Sans CJK SC").cs("Noto Sans Arabic");
    let rtl =
        |text: &str| text.chars().any(|c| matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF));
    let paragraph = |text: &str, size: usize, bold: bool| {
        let mut run = Run::new().add_text(text).fonts(fonts()).size(size);
        if bold {
            run = run.bold();
        }
        let mut paragraph = Paragraph::new().add_run(run);
        if rtl(text) {
            paragraph.property = paragraph.property.bidi(true);
        }
        paragraph
    };
    let mut doc = Docx::new();
    if let Some(name) = &resume.name {
        doc = doc.add_paragraph(paragraph(name, 40, true));
    }
    if let Some(line) = &resume.headline {
        doc = doc.add_paragraph(paragraph(line, 24, false));
    }
    for (label, value) in &resume.contact {
        doc = doc.add_paragraph(paragraph(&format!("{label}: {value}"), 21, false));
    }
    for (heading, items) in &resume.sections {
        doc = doc.add_paragraph(paragraph(heading, 24, true));
        for item in items {
            doc = doc.add_paragraph(paragraph(&format!("\u{2022} {item}"), 21, false));
        }
    }
    doc = doc.add_paragraph(paragraph("Exported from ProvenBase", 16, false));
    let mut out = std::io::Cursor::new(Vec::new());
    if doc.build().pack(&mut out).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amelie() -> Candidate {
        Candidate {
            name: "Amélie Dubois".into(),
            title: Some("Data Engineer".into()),
            company: Some("Datadog".into()),
            emails: vec!["amelie@example.com".into()],
            phones: vec!["+33 6 12 34 56 78".into()],
            skills: vec!["Scala".into(), "Kafka".into()],
            ..Candidate::default()
        }
    }

    #[test]
    fn only_the_chosen_fields_appear() {
        let text = Resume::of(&amelie(), &[ResumeField::Name, ResumeField::Skills]).lines().join("\n");
        assert!(text.contains("Amélie Dubois") && text.contains("Scala, Kafka"));
        assert!(!text.contains("amelie@example.com") && !text.contains("+33") && !text.contains("Datadog"));
    }

    #[test]
    fn a_pdf_is_a_pdf_and_a_docx_a_zip() {
        let (name, kind, bytes) = render(&amelie(), &ResumeField::ALL, ResumeFormat::Pdf);
        assert_eq!((name.as_str(), kind), ("AmélieDubois-resume.pdf", "application/pdf"));
        assert!(bytes.starts_with(b"%PDF-"), "{} bytes", bytes.len());
        let (_, _, bytes) = render(&amelie(), &[ResumeField::Name, ResumeField::Emails], ResumeFormat::Docx);
        assert!(bytes.starts_with(b"PK"));
        let json = docx_rs::read_docx(&bytes).expect("reads back").json();
        assert!(json.contains("amelie@example.com") && !json.contains("Scala"));
    }

    #[test]
    fn lines_break_between_words_and_between_cjk_characters() {
        assert_eq!(tokens("Senior Data Engineer"), ["Senior ", "Data ", "Engineer"]);
        assert_eq!(tokens("王小明 ab"), ["王", "小", "明", " ", "ab"]);
        let fonts = fonts().expect("fonts");
        let body = Style { size: 10.5, bold: false, gray: 0 };
        let long = "word ".repeat(200);
        let lines = wrap(fonts, &long, body, TEXT_WIDTH);
        assert!(lines.len() > 5, "{lines:?}");
        assert_eq!(lines.join(" ").split_whitespace().count(), 200, "nothing lost in wrapping");
        let url = format!("https://example.com/{}", "a".repeat(300));
        let text = format!("LinkedIn: {url} end");
        let lines = wrap(fonts, &text, body, TEXT_WIDTH);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""), "cut, not lost");
        for line in &lines {
            let width: f32 = advances(fonts, line, body).iter().sum();
            assert!(width <= TEXT_WIDTH + 0.01, "{line}: {width}");
        }
    }
}
