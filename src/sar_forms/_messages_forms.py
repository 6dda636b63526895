"""The message catalogue's entries for a reviewer's findings, the Word import and batches: key -> (English, Thai), placeholders in ``{braces}``.

Kept apart from :mod:`sar_forms.messages` (the machinery) so that whoever reviews the wording
reads tables; every entry has both languages with the same placeholders (tested).
"""

from __future__ import annotations

FORMS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ a reviewer's findings
    "check.not_http": (
        "{url} is not a web address (http:// or https://)",
        "{url} ไม่ใช่ลิงก์เว็บ (http:// หรือ https://)",
    ),
    "check.year_not_begun": (
        "{year} has not begun (the current fiscal year is {current})",
        "ปีงบประมาณ {year} ยังไม่เริ่ม (ปีงบประมาณปัจจุบันคือ {current})",
    ),
    "check.year_far_past": (
        "{year} is more than {years} years before the current {current}",
        "ปีงบประมาณ {year} ย้อนหลังเกิน {years} ปีจากปีปัจจุบัน {current}",
    ),
    "check.no_evidence": (
        "level {level} is claimed with no evidence at all",
        "ระบุระดับ {level} แต่ไม่มีหลักฐานเลย",
    ),
    "check.no_link": (
        "level {level} is claimed with no link to any evidence",
        "ระบุระดับ {level} แต่หลักฐานไม่มีลิงก์เลย",
    ),
    "check.submitted_no_link": (
        "{title} is marked submitted but has no link",
        "{title} ระบุว่าส่งแล้ว แต่ไม่มีลิงก์",
    ),
    "check.empty_part": (
        "this part is empty (the form prints '-')",
        "ส่วนนี้ว่าง (แบบรายงานจะพิมพ์ '-')",
    ),
    "check.pasted_twice": (
        "the same text as {other}: pasted twice?",
        "ข้อความซ้ำกับ {other} วางซ้ำหรือไม่",
    ),
    "check.doubled": (
        "the text repeats itself: {start}... twice in a row",
        "ข้อความซ้ำตัวเอง: {start}... ติดกันสองครั้ง",
    ),
    "check.too_long": (
        "{length} characters: longer than a page of the form (~{page})",
        "{length} ตัวอักษร ยาวเกินหนึ่งหน้าของแบบรายงาน (ประมาณ {page})",
    ),
    "check.other_year": (
        "names fiscal year {named}; this form is for {year}: last year's text?",
        "ระบุปีงบประมาณ {named} แต่แบบรายงานนี้เป็นของปีงบประมาณ {year} เป็นข้อความของปีก่อนหรือไม่",
    ),
    "check.other_round": (
        "names the {named}-month round; this form is for the {round}-month round",
        "ระบุรอบ {named} เดือน แต่แบบรายงานนี้เป็นรอบ {round} เดือน",
    ),
    "check.severity.error": ("error", "ข้อผิดพลาด"),
    "check.severity.warning": ("warning", "คำเตือน"),
    "check.summary": ("{errors} error(s), {warnings} warning(s)", "ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ"),
    # ------------------------------------------------------------------ the Word import's report
    "import.header": ("imported by sar-forms from {source}", "นำเข้าด้วย sar-forms จาก {source}"),
    "import.found": ("found", "พบ"),
    "import.summary": (
        "{found} found, {guessed} guessed, {unmapped} not mapped",
        "พบ {found} คาดเดา {guessed} ไม่ได้จัดเข้าช่อง {unmapped}",
    ),
    "import.guessed": ("guessed", "คาดเดา"),
    "import.unmapped": ("not mapped", "ไม่ได้จัดเข้าช่องใด"),
    "import.found.short_name": ("office.short_name: {value} (page header)", "ชื่อย่อสำนักงาน: {value} (หัวกระดาษ)"),
    "import.found.fiscal_year": ("fiscal_year: {value}", "ปีงบประมาณ: {value}"),
    "import.found.round": ("round: {value} (page header)", "รอบการรายงาน: {value} (หัวกระดาษ)"),
    "import.found.office_name": (
        "office.name: from the document's properties (author)",
        "ชื่อสำนักงาน: จากคุณสมบัติของเอกสาร (ผู้เขียน)",
    ),
    "import.found.property": ("{field}: from the document's properties", "{field}: จากคุณสมบัติของเอกสาร"),
    "import.found.level": ("level: {value} (the checked box)", "ระดับคุณภาพ: {value} (ช่องที่ทำเครื่องหมาย)"),
    "import.found.indicator_catalogue": (
        "indicator: {code} (the catalogue's title and rubric)",
        "ตัวบ่งชี้: {code} (ชื่อและเกณฑ์จากแคตตาล็อก)",
    ),
    "import.found.indicator_printed": (
        "indicator: {code} with the title and rubric the form prints",
        "ตัวบ่งชี้: {code} พร้อมชื่อและเกณฑ์ตามที่พิมพ์ในแบบรายงาน",
    ),
    "import.found.standard_catalogue": ("standard: {number} (the catalogue's)", "มาตรฐาน: {number} (จากแคตตาล็อก)"),
    "import.found.standard_printed": (
        "standard: {number} with the title and definition the form prints",
        "มาตรฐาน: {number} พร้อมชื่อและนิยามตามที่พิมพ์ในแบบรายงาน",
    ),
    "import.found.items": ("{field}: {count} item(s)", "{field}: {count} ข้อ"),
    "import.found.evidence": (
        "evidence: {documents} document(s), {references} reference(s)",
        "หลักฐาน: เอกสารนำส่ง {documents} รายการ เอกสารอ้างอิง {references} รายการ",
    ),
    "import.page_wins": (
        "the document's properties say {stored}, the page says {page}: the page's is taken",
        "คุณสมบัติของเอกสารระบุ {stored} แต่หน้าเอกสารระบุ {page}: ใช้ตามหน้าเอกสาร",
    ),
    "import.no_fiscal_year": (
        "no 'ปีงบประมาณ พ.ศ. NNNN' anywhere on the page: fill it in",
        "ไม่พบ 'ปีงบประมาณ พ.ศ. NNNN' ในหน้าเอกสาร: กรุณากรอกเอง",
    ),
    "import.fill_in": ("not on the page: fill it in", "ไม่มีในหน้าเอกสาร: กรุณากรอกเอง"),
    "import.not_found": ("not found: fill it in", "ไม่พบ: กรุณากรอกเอง"),
    "import.guess.office_name": ("the first office name found in the text", "ชื่อสำนักงานชื่อแรกที่พบในเนื้อความ"),
    "import.guess.office_name_of_short": (
        "the full name of the short name's office, as the text writes it ({count} time(s))",
        "ชื่อเต็มของสำนักงานตามชื่อย่อ ตามที่เขียนในเนื้อความ ({count} ครั้ง)",
    ),
    "import.guess.name_from_short": (
        "built from the short name (kind, province, area)",
        "สร้างจากชื่อย่อสำนักงาน (ประเภท จังหวัด เขต)",
    ),
    "import.guess.short_name": (
        "the office named most often in the text ({count} time(s)); no page header",
        "สำนักงานที่เนื้อความกล่าวถึงบ่อยที่สุด ({count} ครั้ง) เพราะไม่มีหัวกระดาษ",
    ),
    "import.guess.fiscal_year": (
        "'ปีงบประมาณ พ.ศ. {year}', the year the text names most often ({count} time(s))",
        "'ปีงบประมาณ พ.ศ. {year}' ปีที่เนื้อความระบุบ่อยที่สุด ({count} ครั้ง)",
    ),
    "import.guess.from_name": ("{value}, from the office's name", "{value} จากชื่อสำนักงาน"),
    "import.guess.from_short_name": ("{value}, from the office's short name", "{value} จากชื่อย่อสำนักงาน"),
    "import.guess.thai_digits": (
        "the form writes Thai digits: read as Arabic (render with --thai-digits)",
        "แบบรายงานใช้เลขไทย: อ่านเป็นเลขอารบิก (สร้างเอกสารด้วย --thai-digits เพื่อพิมพ์เป็นเลขไทย)",
    ),
    "import.guess.bare_host": (
        "a bare host's trailing '/' (LibreOffice adds it) dropped",
        "ตัด '/' ท้ายชื่อเว็บไซต์ที่ LibreOffice เติมให้ออก",
    ),
    "import.guess.joined": ("an unnumbered line joined to the item above", "บรรทัดที่ไม่มีเลขข้อ นำไปต่อกับข้อข้างบน"),
    "import.guess.taken_as_item": ("an unnumbered line taken as an item", "บรรทัดที่ไม่มีเลขข้อ ถือเป็นหนึ่งข้อ"),
    "import.guess.shaded": (
        "{level}: the one level whose row is shaded (nothing is ticked)",
        "{level}: ระดับเดียวที่แถวมีการแรเงา (ไม่มีการทำเครื่องหมาย)",
    ),
    "import.guess.inline_items": (
        "{count} items typed one after another in one line, split at their numbers",
        "ข้อที่พิมพ์ต่อกันในบรรทัดเดียว {count} ข้อ แยกตามเลขข้อ",
    ),
    "import.guess.no_box": (
        "a document with no box before it: taken as not submitted",
        "เอกสารที่ไม่มีช่องทำเครื่องหมาย: ถือว่ายังไม่ได้นำส่ง",
    ),
    "import.no_level": ("no level is checked in the level column", "ไม่มีระดับใดถูกทำเครื่องหมายในช่องระดับคุณภาพ"),
    "import.also_checked": ("also checked: {level}", "ทำเครื่องหมายไว้ด้วย: {level}"),
    "import.levels_found": ("levels found: {levels}", "ระดับที่พบ: {levels}"),
    "import.no_steps": ("no process steps found", "ไม่พบขั้นตอนการดำเนินงาน"),
    "import.where.before_table": ("before the table", "เหนือตาราง"),
    "import.where.before_heading": ("narrative (before any heading)", "ผลการดำเนินงาน (ก่อนหัวข้อใด ๆ)"),
    "import.where.after_table": ("after the table", "ใต้ตาราง"),
    # ------------------------------------------------------------------ templates, outputs, PDFs
    "template.missing": ("no such template file", "ไม่พบไฟล์แม่แบบนี้"),
    "template.unusable": ("not a usable .docx: {reason}", "ไม่ใช่ไฟล์ .docx ที่ใช้ได้: {reason}"),
    "template.unplaced": (
        "the context holds {kind}, which the compiled renderer does not place; render this template with render_with_docxtpl",
        "ข้อมูลมี {kind} ซึ่งตัวสร้างเอกสารแบบเตรียมล่วงหน้าวางให้ไม่ได้ ให้สร้างด้วย render_with_docxtpl",
    ),
    "template.no_cs_font": (
        "the template names no complex-script font (w:rFonts/@w:cs) in its document defaults",
        "แม่แบบไม่ได้ระบุฟอนต์ภาษาไทย (w:rFonts/@w:cs) ในค่าเริ่มต้นของเอกสาร",
    ),
    "compose.other_template": (
        "document {number} of the merge comes from another template (its styles differ)",
        "เอกสารลำดับที่ {number} ที่นำมารวมมาจากแม่แบบอื่น (สไตล์ไม่ตรงกัน)",
    ),
    "compose.no_section": (
        "document {number} of the merge has no section properties (w:sectPr)",
        "เอกสารลำดับที่ {number} ที่นำมารวมไม่มีการตั้งค่าหน้ากระดาษ (w:sectPr)",
    ),
    "output.no_folder": ("cannot make this folder: {reason}", "สร้างโฟลเดอร์นี้ไม่ได้: {reason}"),
    "output.no_parent": ("its folder cannot be made ({reason})", "สร้างโฟลเดอร์ของไฟล์นี้ไม่ได้ ({reason})"),
    "output.cannot_write_here": ("cannot write here: {reason}", "เขียนไฟล์ที่นี่ไม่ได้: {reason}"),
    "output.cannot_write": ("cannot write: {reason}", "เขียนไฟล์ไม่ได้: {reason}"),
    "pdf.install_hint": (
        "install LibreOffice with: sudo apt-get install libreoffice-writer-nogui python3-uno fonts-thai-tlwg "
        "poppler-utils libjemalloc2 (scripts/run does this when run as root)",
        "ติดตั้ง LibreOffice ด้วยคำสั่ง: sudo apt-get install libreoffice-writer-nogui python3-uno fonts-thai-tlwg "
        "poppler-utils libjemalloc2 (scripts/run ติดตั้งให้เมื่อสั่งในฐานะ root)",
    ),
    "pdf.no_soffice": ("LibreOffice (soffice) is not installed; {hint}", "ยังไม่ได้ติดตั้ง LibreOffice (soffice): {hint}"),
    "pdf.no_uno": (
        "no Python with LibreOffice's uno module was found; {hint}",
        "ไม่พบ Python ที่มีโมดูล uno ของ LibreOffice: {hint}",
    ),
    "pdf.no_fc_match": ("fontconfig (fc-match) is missing; {hint}", "ไม่พบ fontconfig (fc-match): {hint}"),
    "pdf.font_not_thai": (
        "the template's Thai font {family} resolves to {resolved}, which has no Thai; install fonts-thai-tlwg "
        "(its Laksaman stands in for TH Sarabun) or the TH Sarabun font itself",
        "ฟอนต์ภาษาไทยของแม่แบบ {family} ถูกแทนด้วย {resolved} ซึ่งไม่มีอักษรไทย ให้ติดตั้ง fonts-thai-tlwg "
        "(ใช้ Laksaman แทน TH Sarabun) หรือติดตั้งฟอนต์ TH Sarabun เอง",
    ),
    "pdf.font_files_missing": (
        "the {choice} font files are missing ({missing}); install fonts-thai-tlwg or choose sarabun",
        "ไม่พบไฟล์ฟอนต์ {choice} ({missing}) ให้ติดตั้ง fonts-thai-tlwg หรือเลือก sarabun",
    ),
    "pdf.no_font_cache": (
        "no writable folder for the scaled TH Sarabun stand-in (tried the user cache and the temp folder)",
        "ไม่มีโฟลเดอร์ที่เขียนได้สำหรับฟอนต์แทน TH Sarabun (ลองทั้งโฟลเดอร์แคชของผู้ใช้และโฟลเดอร์ชั่วคราวแล้ว)",
    ),
    "pdf.no_converter": ("no converter was given to make PDFs with", "ไม่ได้ระบุตัวแปลงสำหรับสร้าง PDF"),
    "pdf.closed": ("the converter is closed", "ตัวแปลงถูกปิดไปแล้ว"),
    "pdf.no_pdf": ("no PDF after {attempts} attempt(s): {errors}", "สร้าง PDF ไม่ได้หลังจากลอง {attempts} ครั้ง: {errors}"),
    "pdf.empty": ("{what} is empty", "{what} ว่างเปล่า"),
    "pdf.does_not_parse": ("{what} does not parse: {reason}", "{what} อ่านไม่ได้: {reason}"),
    "pdf.no_page": ("{what} has no page", "{what} ไม่มีหน้าใดเลย"),
    "pdf.no_pdftoppm": (
        "pdftoppm is missing; install it with: sudo apt-get install poppler-utils",
        "ไม่พบ pdftoppm ให้ติดตั้งด้วยคำสั่ง: sudo apt-get install poppler-utils",
    ),
    "pdf.cannot_draw": ("pdftoppm could not draw page {page}", "pdftoppm วาดหน้า {page} ไม่ได้"),
}
