"""The message catalogue's entries for errors, validation and reading files: key -> (English, Thai), placeholders in ``{braces}``.

Kept apart from :mod:`sar_forms.messages` (the machinery) so that whoever reviews the wording
reads tables; every entry has both languages with the same placeholders (tested).
"""

from __future__ import annotations

INPUT: dict[str, tuple[str, str]] = {
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
    "input.too_deep": (
        "line {line}: the data nests deeper than {depth} levels",
        "บรรทัด {line}: ข้อมูลซ้อนกันลึกเกิน {depth} ชั้น",
    ),
    "input.too_large": (
        "line {line}: the YAML expands to more than {limit} characters (aliases repeating aliases?)",
        "บรรทัด {line}: YAML ขยายออกเกิน {limit} ตัวอักษร (มีการอ้างซ้ำ alias ซ้อนกันหรือไม่)",
    ),
    "input.key_twice": (
        "line {line}: the key {name} is given twice (first on line {first}); keep one",
        "บรรทัด {line}: ช่อง {name} ถูกระบุสองครั้ง (ครั้งแรกที่บรรทัด {first}) ให้เหลือไว้ครั้งเดียว",
    ),
    "input.data_too_deep": ("the data nests too deeply", "ข้อมูลซ้อนกันลึกเกินไป"),
    "input.not_mapping": ("an assessment must be a mapping of fields", "ข้อมูลแบบรายงานต้องเป็นกลุ่มของช่อง (ชื่อช่อง: ค่า)"),
    "input.column_twice": (
        "{where}: the column {columns} appears twice in the header row; keep one",
        "{where}: คอลัมน์ {columns} อยู่ในแถวหัวตารางสองครั้ง ให้เหลือไว้คอลัมน์เดียว",
    ),
    "input.headless": (
        "{where}: column {column} holds data but has no header (a header cell merged over two columns?); "
        "give every column its own header",
        "{where}: คอลัมน์ {column} มีข้อมูลแต่ไม่มีหัวคอลัมน์ (หัวคอลัมน์ผสานเซลล์คร่อมสองคอลัมน์หรือไม่) ให้ทุกคอลัมน์มีหัวคอลัมน์ของตนเอง",
    ),
    "input.not_workbook": ("not a readable .xlsx workbook: {reason}", "ไม่ใช่สมุดงาน .xlsx ที่อ่านได้: {reason}"),
    "input.no_forms_sheet": ("no sheet named 'forms' (sheets: {sheets})", "ไม่มีแผ่นงานชื่อ 'forms' (แผ่นงานที่มี: {sheets})"),
    "input.no_form_id": ("no form has form_id {form_id}", "ไม่มีแบบรายงานใดที่มี form_id {form_id}"),
    "input.damaged_workbook": (
        "the workbook is damaged ({reason}); open it in Excel and save it again",
        "สมุดงานเสียหาย ({reason}) เปิดใน Excel แล้วบันทึกใหม่",
    ),
    "input.not_csv": ("not a readable UTF-8 CSV file: {reason}", "ไม่ใช่ไฟล์ CSV แบบ UTF-8 ที่อ่านได้: {reason}"),
    "input.empty_csv": (
        "the CSV file is empty: it needs a header row and a row per form",
        "ไฟล์ CSV ว่างเปล่า ต้องมีแถวหัวตารางและหนึ่งแถวต่อหนึ่งแบบรายงาน",
    ),
    "input.empty_folder": (
        "no .yaml, .yml, .json or .docx files in this folder",
        "ไม่มีไฟล์ .yaml, .yml, .json หรือ .docx ในโฟลเดอร์นี้",
    ),
    "input.no_docx": ("no .docx files in this folder", "ไม่มีไฟล์ .docx ในโฟลเดอร์นี้"),
    "input.no_such_path": ("no such file or folder", "ไม่พบไฟล์หรือโฟลเดอร์นี้"),
    "input.batch_input": (
        "batch input must be a .xlsx workbook, a .csv file or a folder",
        "ข้อมูลสำหรับ batch ต้องเป็นสมุดงาน .xlsx ไฟล์ .csv หรือโฟลเดอร์",
    ),
    "input.not_docx": ("not a .docx file: {reason}", "ไม่ใช่ไฟล์ .docx: {reason}"),
    "input.not_word": ("not a Word document: no word/document.xml", "ไม่ใช่เอกสาร Word: ไม่มี word/document.xml"),
    "input.damaged_xml": ("the document's XML is damaged: {reason}", "XML ของเอกสารเสียหาย: {reason}"),
    "input.not_official_layout": (
        "no 'มาตรฐานที่ N' or 'ตัวบ่งชี้ที่ N' heading above the table: not a form in the official layout",
        "ไม่พบหัวข้อ 'มาตรฐานที่ N' หรือ 'ตัวบ่งชี้ที่ N' เหนือตาราง: ไม่ใช่แบบรายงานตามแบบทางการ",
    ),
    "catalog.unknown_standard": (
        "unknown standard {number}; known: {known}",
        "ไม่รู้จักมาตรฐาน {number} มาตรฐานที่มี: {known}",
    ),
    "catalog.unknown_indicator": ("unknown indicator {code}; known: {known}", "ไม่รู้จักตัวบ่งชี้ {code} ตัวบ่งชี้ที่มี: {known}"),
    "batch.name_changed": (
        "the office's folder and files are named {safe}: {name} holds what a file name cannot ({why})",
        "โฟลเดอร์และไฟล์ของสำนักงานใช้ชื่อ {safe} เพราะ {name} มีส่วนที่ชื่อไฟล์ใช้ไม่ได้ ({why})",
    ),
    "batch.name_cut": (
        "the office's short name is cut to fit a file name ({limit} bytes): {name}",
        "ชื่อย่อสำนักงานถูกตัดให้พอดีกับชื่อไฟล์ ({limit} ไบต์): {name}",
    ),
    "naming.dots": ("a dot or space at its end", "จุดหรือช่องว่างท้ายชื่อ"),
    "naming.characters": ('a character such as / \\ : * ? " < > |', 'อักขระอย่าง / \\ : * ? " < > |'),
    "batch.same_form": (
        "the same office, indicator, fiscal year and round as record {other}; one form each",
        "สำนักงาน ตัวบ่งชี้ ปีงบประมาณ และรอบ ซ้ำกับรายการ {other} ให้มีแบบรายงานละหนึ่งรายการ",
    ),
    "batch.same_file": (
        "the short name {name} makes the same file name as record {other}'s {other_name}; make the short names differ",
        "ชื่อย่อ {name} ได้ชื่อไฟล์เดียวกับชื่อย่อ {other_name} ของรายการ {other} ให้ตั้งชื่อย่อให้ต่างกัน",
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
    "input.link_outside": (
        "a link to {target}, outside the folder: not read (give that file itself to read it)",
        "เป็นลิงก์ไปยัง {target} ซึ่งอยู่นอกโฟลเดอร์: ไม่อ่าน (ถ้าต้องการให้ระบุไฟล์นั้นโดยตรง)",
    ),
    "output.symlink": (
        "the folder {folder} is a symbolic link: sar-forms writes no file through a link; remove it",
        "โฟลเดอร์ {folder} เป็นลิงก์ (symbolic link): sar-forms ไม่เขียนไฟล์ผ่านลิงก์ กรุณาลบลิงก์นั้น",
    ),
    "output.outside": ("not inside the output folder {root}", "ไม่อยู่ในโฟลเดอร์ผลลัพธ์ {root}"),
    "input.not_a_file": ("not a file (a folder, a pipe or a device?)", "ไม่ใช่ไฟล์ (เป็นโฟลเดอร์ ไปป์ หรืออุปกรณ์หรือไม่)"),
    "input.check_kinds": (
        "check takes a .yaml, .yml or .json data file or a .docx form",
        "check ใช้กับไฟล์ข้อมูล .yaml, .yml หรือ .json หรือแบบรายงาน .docx",
    ),
    "model.not_a_number": ("{value} is not a number", "{value} ไม่ใช่ตัวเลข"),
    "catalog.standards_list": ("must be a list of standards", "ต้องเป็นรายการของมาตรฐาน"),
    "catalog.indicators_list": ("must be a list of indicators", "ต้องเป็นรายการของตัวบ่งชี้"),
    "input.too_large_plain": (
        "line {line}: the YAML holds more than {limit} characters; a form holds far less",
        "บรรทัด {line}: YAML มีข้อความเกิน {limit} ตัวอักษร ซึ่งมากกว่าแบบรายงานใดจะมีได้",
    ),
    "input.damaged_part": ("the part {part} is damaged: {reason}", "ส่วน {part} ของเอกสารเสียหาย: {reason}"),
    "input.unexpected": (
        "could not be read ({kind}: {reason}); the details are in the log; the other files were read",
        "อ่านไม่ได้ ({kind}: {reason}) รายละเอียดอยู่ในบันทึก (log) ไฟล์อื่นอ่านตามปกติ",
    ),
    "zip.members": (
        "the package holds {count} parts; at most {limit} are read",
        "แพ็กเกจมี {count} ส่วน อ่านได้ไม่เกิน {limit} ส่วน",
    ),
    "zip.ratio": (
        "the part {part} inflates {ratio} times (at most {limit}): a zip bomb?",
        "ส่วน {part} ขยายตัว {ratio} เท่า (ไม่เกิน {limit}): เป็น zip bomb หรือไม่",
    ),
    "zip.part_too_large": (
        "the part {part} is {size} bytes once inflated; at most {limit} are read",
        "ส่วน {part} มีขนาด {size} ไบต์เมื่อขยาย อ่านได้ไม่เกิน {limit} ไบต์",
    ),
    "zip.total": (
        "the package's parts hold more than {limit} bytes once inflated",
        "ส่วนต่าง ๆ ของแพ็กเกจรวมกันเกิน {limit} ไบต์เมื่อขยาย",
    ),
    "zip.doctype": (
        "the part {part} declares a document type (DTD) or entities, which Office never writes: not read",
        "ส่วน {part} ประกาศชนิดเอกสาร (DTD) หรือ entity ซึ่ง Office ไม่เคยเขียน: ไม่อ่าน",
    ),
    "input.too_many_rows": (
        "{where} holds more than {limit} rows; split it into several files",
        "{where} มีเกิน {limit} แถว ให้แบ่งเป็นหลายไฟล์",
    ),
    "zip.encrypted": (
        "the part {part} is encrypted: save the document again without a password",
        "ส่วน {part} ถูกเข้ารหัส: บันทึกเอกสารใหม่โดยไม่ใส่รหัสผ่าน",
    ),
}
