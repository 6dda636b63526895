"""Messages of the web workspace (sar_forms.web): its pages, its API's errors, its store."""

from __future__ import annotations

__all__ = ["WEB"]

WEB: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ the store
    "web.office_exists": ("an office named {name} is already in the workspace", "มีสำนักงานชื่อ {name} อยู่แล้ว"),
    "web.form_exists": (
        "this office already has a form of indicator {code} for {year} (form {form})",
        "สำนักงานนี้มีแบบรายงานตัวบ่งชี้ {code} ปี {year} อยู่แล้ว (แบบรายงาน {form})",
    ),
    "web.bad_field": ("not a field of the form", "ไม่ใช่ช่องของแบบรายงาน"),
    "web.too_many_fields": ("more than {limit} fields in one form", "มีช่องมากกว่า {limit} ช่องในแบบเดียว"),
    "web.form_key": ("a form needs its fiscal year and indicator", "แบบรายงานต้องมีปีงบประมาณและตัวบ่งชี้"),
    "web.no_indicator": ("the catalogue has no indicator {code}", "แคตตาล็อกไม่มีตัวบ่งชี้ {code}"),
    "web.needs_office": ("the data names no office (office.short_name)", "ข้อมูลไม่ได้ระบุสำนักงาน (office.short_name)"),
    "web.book_empty": (
        "no form of this year and round validates yet: nothing to make a book of",
        "ยังไม่มีแบบรายงานของปีและรอบนี้ที่ถูกต้องครบถ้วน จึงยังจัดทำเล่มรายงานไม่ได้",
    ),
    "web.note.new": ("new form", "สร้างแบบรายงานใหม่"),
    "web.note.restored": ("restored from revision {revision}", "เรียกคืนจากฉบับที่ {revision}"),
    "web.note.carried": ("carried forward from fiscal year {year}", "ยกมาจากปีงบประมาณ {year}"),
    "web.note.uploaded": ("uploaded from {name}", "อัปโหลดจาก {name}"),
    "web.note.imported": ("imported from the Word form {name}", "นำเข้าจากแบบรายงาน Word {name}"),
    "web.too_large": ("the request is larger than {limit} MB", "คำขอมีขนาดเกิน {limit} MB"),
    "web.length_required": ("send the body with its length (Content-Length)", "กรุณาส่งข้อมูลพร้อมขนาด (Content-Length)"),
    "web.conflict": (
        "this form was saved by someone else meanwhile: your changes were made on revision {attempted}, "
        "the saved one is revision {current}",
        "มีผู้บันทึกแบบรายงานนี้ไปก่อนแล้ว: ท่านแก้ไขจากฉบับที่ {attempted} แต่ฉบับล่าสุดคือฉบับที่ {current}",
    ),
    "web.busy": (
        "the converter is busy with other forms: the pages come in a moment",
        "ระบบกำลังแปลงแบบรายงานอื่นอยู่ หน้าเอกสารจะแสดงในอีกสักครู่",
    ),
    "web.login_needed": (
        "sign in with the address the server printed when it started",
        "กรุณาเข้าสู่ระบบด้วยลิงก์ที่เซิร์ฟเวอร์แสดงไว้ตอนเริ่มทำงาน",
    ),
    "web.csrf": (
        "this change came without the page's security value: reload the page",
        "คำขอนี้ไม่มีรหัสความปลอดภัยของหน้า กรุณาโหลดหน้าใหม่",
    ),
    "web.bad_request": ("the request is not what this address takes", "คำขอไม่ตรงกับที่หน้านี้รับ"),
    "web.not_found": ("no such page or form", "ไม่พบหน้าหรือแบบรายงานนี้"),
    "web.not_allowed": ("this address does not take that method", "หน้านี้ไม่รองรับคำขอแบบนี้"),
    "web.internal": (
        "something went wrong on the server; nothing was lost, and the log says more",
        "เกิดข้อผิดพลาดที่เซิร์ฟเวอร์ ข้อมูลไม่สูญหาย รายละเอียดอยู่ในบันทึกของระบบ",
    ),
    "web.invalid": ("the data does not make a form", "ข้อมูลยังไม่ครบถ้วนหรือไม่ถูกต้อง"),
    "web.if_match": (
        "send the revision your data was made on in If-Match",
        "กรุณาระบุฉบับที่แก้ไขในส่วนหัว If-Match",
    ),
    "web.no_page": ("the form has {count} page(s), not page {page}", "แบบรายงานมี {count} หน้า ไม่มีหน้าที่ {page}"),
    "web.not_docx": ("only a Word form (.docx) can be imported here", "นำเข้าได้เฉพาะแบบรายงาน Word (.docx)"),
    "web.note.api": ("saved through the API", "บันทึกผ่าน API"),
    "web.upload_kinds": (
        "upload a Word form (.docx), a data file (.yaml, .json), a zip of them or a workbook (.xlsx, .csv)",
        "อัปโหลดได้เฉพาะแบบรายงาน Word (.docx) ไฟล์ข้อมูล (.yaml, .json) ไฟล์ zip ของไฟล์เหล่านี้ หรือสมุดงาน (.xlsx, .csv)",
    ),
    "web.needs_token": (
        "--host {host} can be reached from other machines: give --token, the key they will need",
        "--host {host} เปิดให้เครื่องอื่นเข้าถึงได้ กรุณากำหนด --token ซึ่งเป็นรหัสที่ผู้ใช้ต้องใช้เข้าระบบ",
    ),
    "web.started": (
        "the workspace is running; open this address in a browser (Ctrl+C stops it):\n  {url}",
        "ระบบพร้อมใช้งาน เปิดลิงก์นี้ในเบราว์เซอร์ (กด Ctrl+C เพื่อหยุด):\n  {url}",
    ),
    "web.added": ("added to the workspace: {path}", "เพิ่มเข้าระบบแล้ว: {path}"),
    "web.bad_login": ("a login is 1 to 100 characters", "ชื่อผู้ใช้ต้องมี 1 ถึง 100 ตัวอักษร"),
    "web.short_password": ("a password has at least 8 characters", "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร"),
    "web.login_taken": ("the login {login} is taken", "มีชื่อผู้ใช้ {login} อยู่แล้ว"),
    "web.no_user": ("no account {login}", "ไม่มีบัญชีผู้ใช้ {login}"),
    "web.bad_role": (
        "{role} is no role: coordinator, editor or reviewer",
        "{role} ไม่ใช่บทบาทที่มี: coordinator (ผู้ประสานงาน) editor (ผู้กรอก) หรือ reviewer (ผู้ตรวจ)",
    ),
    "web.bad_password": ("the login or the password is wrong", "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"),
    "web.too_many_logins": (
        "too many failed sign-ins: try again in {seconds} seconds",
        "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ในอีก {seconds} วินาที",
    ),
    "web.forbidden": ("your role does not allow this", "บทบาทของท่านไม่มีสิทธิ์ทำรายการนี้"),
    "web.locked": (
        "the form is approved and locked: the coordinator reopens it for a new revision",
        "แบบรายงานได้รับอนุมัติแล้วและถูกล็อก ผู้ประสานงานต้องเปิดแก้ไขก่อนจึงจะบันทึกฉบับใหม่ได้",
    ),
    "web.review_step": ("a form {state} cannot be {action}", "แบบรายงานสถานะ {state} ไม่สามารถ{action}ได้"),
    "web.approve_race": (
        "revision {seen} was reviewed, but the form is at revision {current} now: review it again",
        "ท่านตรวจฉบับที่ {seen} แต่ขณะนี้แบบรายงานเป็นฉบับที่ {current} แล้ว กรุณาตรวจอีกครั้ง",
    ),
    "web.restore_not_empty": (
        "a backup is restored into an empty workspace only (this one has offices)",
        "กู้คืนได้เฉพาะในระบบที่ยังว่างเปล่า (ระบบนี้มีสำนักงานอยู่แล้ว)",
    ),
    "web.no_office": ("no office {office} in the workspace", "ไม่มีสำนักงาน {office} ในระบบ"),
    "web.passwords_differ": ("the two new passwords differ", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
}
