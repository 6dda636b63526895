"""The message catalogue's entries: key -> (English, Thai), placeholders in ``{braces}``.

Kept apart from :mod:`sar_forms.messages` (the machinery) so that whoever reviews the wording
reads one table. Every entry has both languages with the same placeholders (tested).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ errors, as a whole
    "error.problems": ("{count} problems", "พบปัญหา {count} ข้อ"),
    "error.prefix": ("error", "ข้อผิดพลาด"),
    "error.usage": ("usage error", "ใช้คำสั่งไม่ถูกต้อง"),
    "warning.prefix": ("warning", "คำเตือน"),
    # ------------------------------------------------------------------ pydantic's error types
    "pydantic.missing": ("Field required", "ต้องกรอกช่องนี้"),
    "pydantic.extra_forbidden": (
        "Extra inputs are not permitted",
        "ไม่มีช่องนี้ในแบบรายงาน (สะกดชื่อช่องผิด หรือย่อหน้าผิดระดับหรือไม่)",
    ),
    "pydantic.int_parsing": ("Input should be a valid integer", "ต้องเป็นตัวเลขจำนวนเต็ม"),
    "pydantic.int_type": ("Input should be a valid integer", "ต้องเป็นตัวเลขจำนวนเต็ม"),
    "pydantic.int_from_float": (
        "Input should be a valid integer, got a number with a fractional part",
        "ต้องเป็นตัวเลขจำนวนเต็ม ไม่มีทศนิยม",
    ),
    "pydantic.string_type": ("Input should be a valid string", "ต้องเป็นข้อความ"),
    "pydantic.string_too_short": (
        "String should have at least {min_length} characters",
        "ข้อความต้องยาวอย่างน้อย {min_length} ตัวอักษร",
    ),
    "pydantic.string_too_long": (
        "String should have at most {max_length} characters",
        "ข้อความยาวเกิน {max_length} ตัวอักษร",
    ),
    "pydantic.less_than_equal": (
        "Input should be less than or equal to {le}",
        "ต้องไม่มากกว่า {le}",
    ),
    "pydantic.greater_than_equal": (
        "Input should be greater than or equal to {ge}",
        "ต้องไม่น้อยกว่า {ge}",
    ),
    "pydantic.literal_error": ("Input should be {expected}", "ต้องเป็น {expected}"),
    "pydantic.bool_parsing": (
        "Input should be a valid boolean",
        "ต้องเป็น ใช่/ไม่ใช่ (true/false)",
    ),
    "pydantic.bool_type": ("Input should be a valid boolean", "ต้องเป็น ใช่/ไม่ใช่ (true/false)"),
    "pydantic.list_type": ("Input should be a valid list", "ต้องเป็นรายการ (ขึ้นต้นแต่ละข้อด้วย - )"),
    "pydantic.dict_type": ("Input should be a valid dictionary", "ต้องเป็นกลุ่มของช่องย่อย (ชื่อช่อง: ค่า)"),
    "pydantic.model_type": (
        "Input should be a valid dictionary or instance of {class_name}",
        "ต้องเป็นกลุ่มของช่องย่อย (ชื่อช่อง: ค่า) แบบ {class_name}",
    ),
    "pydantic.model_attributes_type": (
        "Input should be a valid dictionary or object to extract fields from",
        "ต้องเป็นกลุ่มของช่องย่อย (ชื่อช่อง: ค่า)",
    ),
    "pydantic.enum": ("Input should be {expected}", "ต้องเป็น {expected}"),
    # the choices pydantic lists, in each language ("6 or 12" / "6 หรือ 12"); ":.0" prints nothing
    "pydantic.choices": ("{en}{th:.0}", "{th}{en:.0}"),
    "input.yaml_quote": (
        "malformed YAML: line {line}, column {column}: {problem}; a text holding ': ' or '#', or a line "
        "indented differently from the one above, breaks the structure: put the text in double quotes "
        '("...") and indent it as the lines around it',
        "YAML ผิดรูปแบบ: บรรทัด {line} คอลัมน์ {column}: {problem} ข้อความที่มี ': ' หรือ '#' "
        "หรือบรรทัดที่ย่อหน้าไม่ตรงกับบรรทัดข้างบน ทำให้โครงสร้างเสีย: ใส่ข้อความไว้ในเครื่องหมายคำพูด "
        '("...") และย่อหน้าให้ตรงกับบรรทัดรอบ ๆ',
    ),
    "pydantic.extra_forbidden_text": (
        "Extra inputs are not permitted: this text was read as a field name, because it holds ': '; "
        'put the whole text in double quotes ("...")',
        "ข้อความนี้ถูกอ่านเป็นชื่อช่อง เพราะมี ': ' อยู่ในข้อความ: ใส่ข้อความทั้งหมดไว้ในเครื่องหมายคำพูด (\"...\")",
    ),
    # ------------------------------------------------------------------ text rules
    "text.removed": (
        "{field}: removed {count} character(s) that a Word document cannot hold ({codes})",
        "{field}: นำอักขระที่เอกสาร Word รับไม่ได้ออก {count} ตัว ({codes})",
    ),
    # ------------------------------------------------------------------ reading files
    "input.no_file": ("no such file", "ไม่พบไฟล์นี้"),
    "input.cannot_read": ("cannot read: {reason}", "อ่านไฟล์ไม่ได้: {reason}"),
    "input.not_utf8": (
        "not UTF-8 text (byte {byte}), nor Thai Windows text (cp874); save it as UTF-8",
        "ไม่ใช่ข้อความ UTF-8 (ไบต์ที่ {byte}) และไม่ใช่ข้อความภาษาไทยของ Windows (cp874) กรุณาบันทึกเป็น UTF-8",
    ),
    "input.bad_utf16": ("damaged UTF-16 text (byte {byte})", "ข้อความ UTF-16 เสียหาย (ไบต์ที่ {byte})"),
    "input.read_as": (
        "read as {encoding} text; saving it as UTF-8 is safer",
        "อ่านเป็นข้อความ {encoding} แล้ว บันทึกเป็น UTF-8 จะปลอดภัยกว่า",
    ),
    "input.read_as_thai_windows": (
        "not UTF-8: read as Thai Windows text (cp874 / TIS-620); saving it as UTF-8 is safer",
        "ไม่ใช่ UTF-8 จึงอ่านเป็นข้อความภาษาไทยของ Windows (cp874 / TIS-620) บันทึกเป็น UTF-8 จะปลอดภัยกว่า",
    ),
    # ------------------------------------------------------------------ the models' own checks
    "model.url_control": (
        "the web address holds a control character ({codes}); type it again",
        "ลิงก์มีอักขระควบคุม ({codes}) ปนอยู่ กรุณาพิมพ์ใหม่",
    ),
    "model.url_scheme": (
        "{value} is not a web address; it must start with http:// or https://",
        "{value} ไม่ใช่ลิงก์เว็บ ต้องขึ้นต้นด้วย http:// หรือ https://",
    ),
    "model.christian_year": (
        "{value} looks like a Christian-era year; fiscal years are Buddhist Era ({be})",
        "{value} เป็นปี ค.ศ. ปีงบประมาณต้องเป็นปี พ.ศ. ({be})",
    ),
    "model.not_be_year": (
        "{value} is not a fiscal year in Buddhist Era (such as 2565)",
        "{value} ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2565)",
    ),
    "model.too_long": (
        "the form holds {total} characters of text; at most {limit} fit a form",
        "แบบรายงานมีข้อความ {total} ตัวอักษร เกินกว่าที่แบบรายงานหนึ่งฉบับรับได้ ({limit} ตัวอักษร)",
    ),
    "model.no_rubric": (
        "indicator {code} has no rubric in the catalogue; give indicator.rubric "
        "(levels 5..1, or {{pattern: points, points: N}}) or load a catalogue that has it",
        "ตัวบ่งชี้ {code} ยังไม่มีเกณฑ์การพิจารณาในแคตตาล็อก ให้ระบุ indicator.rubric "
        "(ระดับ 5..1 หรือ {{pattern: points, points: N}}) หรือใช้แคตตาล็อกที่มีเกณฑ์นี้",
    ),
    "model.wrong_standard": (
        "indicator {code} does not belong to standard {standard}",
        "ตัวบ่งชี้ {code} ไม่อยู่ในมาตรฐานที่ {standard}",
    ),
    "model.no_points": (
        "indicator {code} does not say how many points it has (indicator.points)",
        "ตัวบ่งชี้ {code} ไม่ได้ระบุจำนวนประเด็นการพิจารณา (indicator.points)",
    ),
    "model.level_vs_points": (
        "level {level} contradicts the points: {done} of {points} done, {clear} clear, which is level {derived} by the rubric",
        "ระดับ {level} ขัดกับผลรายประเด็น: ดำเนินการ {done} จาก {points} ประเด็น เห็นผลชัดเจน {clear} ประเด็น "
        "ซึ่งตามเกณฑ์คือระดับ {derived}",
    ),
    "model.no_level": (
        "give the chosen level (1-5), or the per-point facts (points) it follows from",
        "ให้ระบุระดับคุณภาพ (1-5) หรือผลการพิจารณารายประเด็น (points) ที่ใช้คำนวณระดับ",
    ),
    "model.empty_text": (
        "is empty once the characters a Word document cannot hold are removed",
        "ว่างเปล่าหลังนำอักขระที่เอกสาร Word รับไม่ได้ออก",
    ),
    "model.clear_not_done": (
        "a point cannot be clear (clear: true) when it was not done",
        "ประเด็นที่ยังไม่ได้ดำเนินการ จะเห็นผลชัดเจน (clear: true) ไม่ได้",
    ),
    "model.points_count": (
        "the indicator has {points} points of consideration, {given} given",
        "ตัวบ่งชี้นี้มี {points} ประเด็นการพิจารณา แต่ให้มา {given} ประเด็น",
    ),
    "model.round": ("the round is 6 or 12 (months), not {value}", "รอบการรายงานต้องเป็น 6 หรือ 12 (เดือน) ไม่ใช่ {value}"),
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
    "import.no_fiscal_year": (
        "no 'ปีงบประมาณ พ.ศ. NNNN' in the page header or above the table",
        "ไม่พบ 'ปีงบประมาณ พ.ศ. NNNN' ในหัวกระดาษหรือเหนือตาราง",
    ),
    "import.fill_in": ("not on the page: fill it in", "ไม่มีในหน้าเอกสาร: กรุณากรอกเอง"),
    "import.not_found": ("not found: fill it in", "ไม่พบ: กรุณากรอกเอง"),
    "import.guess.office_name": ("the first office name found in the text", "ชื่อสำนักงานชื่อแรกที่พบในเนื้อความ"),
    "import.guess.kind_from_name": ("{kind} from the office's name", "{kind} จากชื่อสำนักงาน"),
    "import.guess.kind_from_short_name": ("{kind} from the office's short name", "{kind} จากชื่อย่อสำนักงาน"),
    "import.guess.from_name": ("from the office's name", "จากชื่อสำนักงาน"),
    "import.guess.area": ("from the office's name (เขต N)", "จากชื่อสำนักงาน (เขต N)"),
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
    "import.no_level": ("no level is checked in the level column", "ไม่มีระดับใดถูกทำเครื่องหมายในช่องระดับคุณภาพ"),
    "import.also_checked": ("also checked: {level}", "ทำเครื่องหมายไว้ด้วย: {level}"),
    "import.levels_found": ("levels found: {levels}", "ระดับที่พบ: {levels}"),
    "import.no_steps": ("no process steps found", "ไม่พบขั้นตอนการดำเนินงาน"),
    "import.where.before_table": ("before the table", "เหนือตาราง"),
    "import.where.before_heading": ("narrative (before any heading)", "ผลการดำเนินงาน (ก่อนหัวข้อใด ๆ)"),
    "import.where.after_table": ("after the table", "ใต้ตาราง"),
    # ------------------------------------------------------------------ the commands' own lines
    "cli.valid": (
        "valid: {office}, indicator {indicator}, fiscal year {year}, level {level}",
        "ถูกต้อง: {office} ตัวบ่งชี้ {indicator} ปีงบประมาณ {year} ระดับ {level}",
    ),
    "cli.batch_done": (
        "produced {produced}, skipped {skipped}, failed {failed}, in {seconds} s; manifest: {manifest}",
        "สร้างแล้ว {produced} ข้ามไป {skipped} ไม่สำเร็จ {failed} ใช้เวลา {seconds} วินาที รายการสรุป: {manifest}",
    ),
    "cli.interrupted": (
        "interrupted after {seconds} s; finished files are kept, run again with --resume to finish the rest",
        "หยุดกลางคันหลังจาก {seconds} วินาที ไฟล์ที่เสร็จแล้วยังอยู่ สั่งอีกครั้งพร้อม --resume เพื่อทำส่วนที่เหลือ",
    ),
    "cli.progress": ("[{shown}/{total}] {status}: {id}: {what}", "[{shown}/{total}] {status}: {id}: {what}"),
    "cli.status.produced": ("produced", "สร้างแล้ว"),
    "cli.status.skipped": ("skipped", "ข้ามไป"),
    "cli.status.failed": ("failed", "ไม่สำเร็จ"),
    "cli.status.not run": ("not run", "ยังไม่ได้ทำ"),
    "cli.valid_count": ("{good} of {total} forms valid", "แบบรายงานถูกต้อง {good} จาก {total} ฉบับ"),
    "cli.up_to_date": ("{path} (up to date)", "{path} (เป็นปัจจุบันอยู่แล้ว)"),
    "cli.book_failed": ("book failed: {name}: {error}", "ทำเล่มรายงานไม่สำเร็จ: {name}: {error}"),
    "cli.book": ("book: {path} ({forms} forms, {pages} pages)", "เล่มรายงาน: {path} ({forms} แบบรายงาน {pages} หน้า)"),
    "cli.books_done": ("books in {seconds} s", "ทำเล่มรายงานเสร็จใน {seconds} วินาที"),
    "cli.round": ("round {round}", "รอบ {round}"),
    "cli.imported": ("imported: {form} -> {target}", "นำเข้าแล้ว: {form} -> {target}"),
    "cli.needs_editing_line": ("needs editing: {form} -> {target}", "ต้องแก้ไข: {form} -> {target}"),
    "cli.needs_editing": ("needs editing before use: {problem}", "ต้องแก้ไขก่อนใช้: {problem}"),
    "cli.import_summary": (
        "{count} forms: {good} imported, {bad} need editing (see the messages above)",
        "{count} แบบรายงาน: นำเข้าได้ {good} ต้องแก้ไข {bad} (ดูข้อความด้านบน)",
    ),
    "cli.folder_needs_output": ("importing a folder needs -o DATA_DIR", "การนำเข้าทั้งโฟลเดอร์ต้องระบุ -o โฟลเดอร์ปลายทาง"),
    "cli.unknown_format": (
        "unknown format {bad}; choose from {formats}",
        "ไม่รู้จักรูปแบบ {bad} เลือกได้จาก {formats}",
    ),
    "cli.output_suffix": (
        "{output}: the output must end in .docx or .pdf, or give --format",
        "{output}: ไฟล์ผลลัพธ์ต้องลงท้ายด้วย .docx หรือ .pdf หรือระบุ --format",
    ),
    "cli.pdf_only_hint": (
        "only the PDF is written; add --format docx,pdf for the Word file too",
        "เขียนเฉพาะไฟล์ PDF หากต้องการไฟล์ Word ด้วย ให้เพิ่ม --format docx,pdf",
    ),
    "cli.rubric": ("rubric", "มีเกณฑ์"),
    "cli.no_rubric": ("no rubric", "ยังไม่มีเกณฑ์"),
    "cli.points": ("{points} points", "{points} ประเด็น"),
    "cli.points_unknown": ("points ?", "ประเด็น ?"),
    "years.carried": (
        "carried from {source} to fiscal year {year} by sar-forms next-year; edit the texts the findings below name",
        "ยกมาจาก {source} เป็นปีงบประมาณ {year} ด้วย sar-forms next-year แก้ไขข้อความตามรายการตรวจพบด้านล่าง",
    ),
    "cli.carried": (
        "{target}: fiscal year {year}; {count} finding(s) to look at",
        "{target}: ปีงบประมาณ {year} มี {count} รายการที่ควรตรวจ",
    ),
    "help.next_year": (
        "carry last year's form (data file or .docx) into a new fiscal year",
        "ยกแบบรายงานของปีก่อน (ไฟล์ข้อมูลหรือ .docx) มาเป็นปีงบประมาณใหม่",
    ),
    "help.next_year.input": (
        "last year's .yaml/.json data or .docx form",
        "ไฟล์ข้อมูล .yaml/.json หรือแบบรายงาน .docx ของปีก่อน",
    ),
    "help.next_year.year": (
        "the new fiscal year, Buddhist Era (2566 or ๒๕๖๖)",
        "ปีงบประมาณใหม่ เป็นปี พ.ศ. (2566 หรือ ๒๕๖๖)",
    ),
    "help.next_year.round": ("the round: 6 or 12 (months)", "รอบการรายงาน: 6 หรือ 12 (เดือน)"),
    "help.next_year.output": ("the .yaml to write; default: print", "ไฟล์ .yaml ที่จะเขียน ถ้าไม่ระบุจะพิมพ์ออกหน้าจอ"),
    # ------------------------------------------------------------------ the commands' help
    "help.description": (
        "Official Thai SAR indicator forms, as Word and PDF.",
        "แบบรายงานการประเมินตนเองรายตัวบ่งชี้ ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา เป็นไฟล์ Word และ PDF",
    ),
    "help.usage": ("usage:", "วิธีใช้:"),
    "help.positionals": ("positional arguments", "สิ่งที่ต้องระบุ"),
    "help.options": ("options", "ตัวเลือก"),
    "help.help": ("show this help message and exit", "แสดงคำอธิบายนี้แล้วจบ"),
    "help.lang": (
        "the language of messages: th or en (default: the locale's)",
        "ภาษาของข้อความ: th หรือ en (ค่าเริ่มต้นตามระบบ)",
    ),
    "help.catalog": (
        "your own catalogue YAML, laid over the shipped one",
        "ไฟล์แคตตาล็อก YAML ของท่าน ใช้ทับแคตตาล็อกที่มากับโปรแกรม",
    ),
    "help.converter": (
        "convert to PDF on a running unoserver (repeat for several) instead of local LibreOffice",
        "แปลงเป็น PDF ด้วย unoserver ที่ทำงานอยู่ (ระบุซ้ำได้หลายเครื่อง) แทน LibreOffice ในเครื่องนี้",
    ),
    "help.template": ("a .docx template instead of the official form", "แม่แบบ .docx ที่ใช้แทนแบบฟอร์มทางการ"),
    "help.thai_digits": ("write numbers in Thai digits (๐-๙)", "เขียนตัวเลขเป็นเลขไทย (๐-๙)"),
    "help.render": ("render one assessment to .docx and/or .pdf", "สร้างแบบรายงานหนึ่งฉบับเป็น .docx และ/หรือ .pdf"),
    "help.render.input": ("assessment file (.yaml, .yml or .json)", "ไฟล์ข้อมูลแบบรายงาน (.yaml, .yml หรือ .json)"),
    "help.render.output": ("output file; its extension picks the format", "ไฟล์ผลลัพธ์ นามสกุลไฟล์เป็นตัวกำหนดรูปแบบ"),
    "help.render.format": ("comma-separated formats to write: docx,pdf", "รูปแบบที่จะเขียน คั่นด้วยจุลภาค: docx,pdf"),
    "help.render.pdfa": ("archival PDF/A-2b (with .pdf)", "PDF/A-2b สำหรับเก็บถาวร (ใช้กับ .pdf)"),
    "help.preview": ("draw one page of the form as PNG", "วาดหนึ่งหน้าของแบบรายงานเป็นภาพ PNG"),
    "help.preview.output": ("the .png to write", "ไฟล์ .png ที่จะเขียน"),
    "help.preview.page": ("the page to draw (1: the first)", "หน้าที่จะวาด (1 คือหน้าแรก)"),
    "help.preview.dpi": ("dots per inch", "ความละเอียด (จุดต่อนิ้ว)"),
    "help.validate": ("check an assessment file without rendering", "ตรวจไฟล์ข้อมูลแบบรายงานโดยไม่สร้างเอกสาร"),
    "help.validate.input": (
        "a .yaml/.json file, or as for batch: a workbook, a CSV file or a folder",
        "ไฟล์ .yaml/.json หรือเช่นเดียวกับ batch: สมุดงาน ไฟล์ CSV หรือโฟลเดอร์",
    ),
    "help.data_file": ("a .yaml or .json data file", "ไฟล์ข้อมูล .yaml หรือ .json"),
    "help.check": (
        "a reviewer's checks of a form (data file or .docx) before submission",
        "ตรวจแบบรายงาน (ไฟล์ข้อมูลหรือ .docx) แบบผู้ตรวจ ก่อนส่ง",
    ),
    "help.check.input": (".yaml/.json data or a .docx form", "ไฟล์ข้อมูล .yaml/.json หรือแบบรายงาน .docx"),
    "help.check.strict": ("warnings count as errors (exit 1)", "นับคำเตือนเป็นข้อผิดพลาด (รหัสออก 1)"),
    "help.import": (
        "read forms typed in Word (.docx, official layout) back into data (YAML)",
        "อ่านแบบรายงานที่พิมพ์ใน Word (.docx ตามแบบทางการ) กลับเป็นข้อมูล (YAML)",
    ),
    "help.import.input": ("a .docx form, or a folder of them", "แบบรายงาน .docx หรือโฟลเดอร์ที่มีหลายไฟล์"),
    "help.import.output": (
        "the .yaml to write (a folder for a folder); default: print",
        "ไฟล์ .yaml ที่จะเขียน (เป็นโฟลเดอร์เมื่อนำเข้าทั้งโฟลเดอร์) ถ้าไม่ระบุจะพิมพ์ออกหน้าจอ",
    ),
    "help.batch": (
        "produce the forms of many offices from a workbook, CSV or folder",
        "สร้างแบบรายงานของหลายสำนักงานจากสมุดงาน Excel, CSV หรือโฟลเดอร์",
    ),
    "help.batch.input": (
        ".xlsx workbook, .csv file, or a folder of .yaml/.json files",
        "สมุดงาน .xlsx ไฟล์ .csv หรือโฟลเดอร์ของไฟล์ .yaml/.json",
    ),
    "help.batch.output": ("output folder (one sub-folder per office)", "โฟลเดอร์ผลลัพธ์ (แยกโฟลเดอร์ย่อยตามสำนักงาน)"),
    "help.batch.pdf": ("also write PDFs", "เขียนไฟล์ PDF ด้วย"),
    "help.batch.pdfa": ("PDFs as PDF/A-2b", "เขียน PDF เป็น PDF/A-2b"),
    "help.batch.jobs": (
        "parallel processes (default: one per core)",
        "จำนวนกระบวนการทำงานพร้อมกัน (ค่าเริ่มต้น: เท่าจำนวนแกนประมวลผล)",
    ),
    "help.batch.resume": ("skip records whose outputs are up to date", "ข้ามรายการที่ไฟล์ผลลัพธ์เป็นปัจจุบันแล้ว"),
    "help.batch.chunk": (
        "forms per merged PDF conversion (default {chunk}; 1: one by one)",
        "จำนวนแบบรายงานต่อการแปลง PDF หนึ่งครั้ง (ค่าเริ่มต้น {chunk}; 1: ทีละฉบับ)",
    ),
    "help.batch.book": (
        "also write each office's book (see: sar-forms book)",
        "ทำเล่มรายงานของแต่ละสำนักงานด้วย (ดู: sar-forms book)",
    ),
    "help.book": (
        "write each office's whole report for a fiscal year as one book (.docx and .pdf)",
        "รวมแบบรายงานทั้งปีงบประมาณของแต่ละสำนักงานเป็นเล่มเดียว (.docx และ .pdf)",
    ),
    "help.book.input": (
        "as for batch: .xlsx workbook, .csv file, or a folder of .yaml/.json",
        "เช่นเดียวกับ batch: สมุดงาน .xlsx ไฟล์ .csv หรือโฟลเดอร์ของ .yaml/.json",
    ),
    "help.book.no_pdf": ("the .docx only", "เฉพาะไฟล์ .docx"),
    "help.book.pdfa": ("the PDF as PDF/A-2b", "เขียน PDF เป็น PDF/A-2b"),
    "help.book.jobs": (
        "LibreOffice workers (default: one per core)",
        "จำนวน LibreOffice ที่ทำงานพร้อมกัน (ค่าเริ่มต้น: เท่าจำนวนแกนประมวลผล)",
    ),
    "help.init_workbook": (
        "write an empty batch workbook with headers and drop-downs",
        "สร้างสมุดงานเปล่าสำหรับ batch พร้อมหัวตารางและรายการให้เลือก",
    ),
    "help.init_workbook.output": ("the .xlsx to write", "ไฟล์ .xlsx ที่จะเขียน"),
    "help.catalog_command": ("list the standards and indicators known", "แสดงมาตรฐานและตัวบ่งชี้ที่มีในแคตตาล็อก"),
}
