"""Phrase banks and text helpers for the replica sites (all text invented).

Sentences are assembled from these banks with a seeded ``random.Random``, so every
build produces the same text. Some phrases deliberately use the old tone placement
(``hoà``, ``khoẻ``, ``xoá``, ``Thuỳ``) next to the new one (``hòa``, ``Thùy``), as real
pages do; the truth keeps whatever is printed.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def weekday_name(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def slugify(text: str, *, keep_slash_as_dash: bool = False) -> str:
    """Lossy ASCII slug like the real CMSs make: diacritics stripped, đ -> d.

    By default punctuation is dropped outright, so ``282/2025/NĐ-CP`` becomes
    ``2822025nd-cp`` (seen on congan.hungyen.gov.vn). NukeViet's alias maker turns
    separators into dashes instead (``keep_slash_as_dash``).
    """
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()
    out = []
    for c in text:
        if c.isascii() and c.isalnum():
            out.append(c)
        elif c.isspace() or c == "-" or (keep_slash_as_dash and c in "/.,:;"):
            out.append("-")
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-")


PLACES = {
    # Hưng Yên absorbed Thái Bình in 2025, so both provinces' districts appear.
    "hungyen": (
        "huyện Văn Lâm",
        "huyện Văn Giang",
        "huyện Yên Mỹ",
        "thị xã Mỹ Hào",
        "huyện Ân Thi",
        "huyện Khoái Châu",
        "huyện Kim Động",
        "huyện Tiên Lữ",
        "huyện Phù Cừ",
        "thành phố Hưng Yên",
        "huyện Quỳnh Phụ",
        "huyện Đông Hưng",
        "huyện Vũ Thư",
        "huyện Kiến Xương",
        "huyện Tiền Hải",
        "huyện Hưng Hà",
    ),
    "laichau": (
        "huyện Tam Đường",
        "huyện Phong Thổ",
        "huyện Sìn Hồ",
        "huyện Mường Tè",
        "huyện Than Uyên",
        "huyện Tân Uyên",
        "huyện Nậm Nhùn",
        "thành phố Lai Châu",
    ),
}

# Provinces added with the platform replicas (all places real, all events invented).
PLACES.update(
    {
        "thainguyen": (
            "thành phố Thái Nguyên",
            "thành phố Sông Công",
            "huyện Đại Từ",
            "huyện Phú Bình",
            "huyện Võ Nhai",
            "thị xã Phổ Yên",
            "huyện Định Hóa",
        ),
        "cantho": (
            "quận Ninh Kiều",
            "quận Bình Thủy",
            "quận Cái Răng",
            "huyện Phong Điền",
            "thành phố Vị Thanh",
            "huyện Châu Thành A",
            "thị xã Long Mỹ",
        ),
        "backan": (
            "thành phố Bắc Kạn",
            "huyện Ba Bể",
            "huyện Chợ Đồn",
            "huyện Bạch Thông",
            "huyện Na Rì",
            "huyện Ngân Sơn",
            "huyện Pác Nặm",
        ),
        "quangtri": (
            "thành phố Đông Hà",
            "thị xã Quảng Trị",
            "huyện Hải Lăng",
            "huyện Gio Linh",
            "huyện Vĩnh Linh",
            "huyện Hướng Hóa",
            "huyện Đakrông",
        ),
        "sonla": (
            "thành phố Sơn La",
            "huyện Mộc Châu",
            "huyện Mai Sơn",
            "huyện Thuận Châu",
            "huyện Yên Châu",
            "huyện Sông Mã",
            "huyện Phù Yên",
        ),
        "daklak": (
            "thành phố Buôn Ma Thuột",
            "huyện Krông Pắc",
            "huyện Cư M'gar",
            "thị xã Buôn Hồ",
            "huyện Ea H'leo",
            "huyện Lắk",
            "thành phố Tuy Hòa",
        ),
        "quangngai": (
            "thành phố Quảng Ngãi",
            "huyện Bình Sơn",
            "huyện Sơn Tịnh",
            "thị xã Đức Phổ",
            "huyện Tư Nghĩa",
            "huyện Lý Sơn",
            "thành phố Kon Tum",
        ),
        "quangnam": (
            "thành phố Tam Kỳ",
            "thành phố Hội An",
            "thị xã Điện Bàn",
            "huyện Duy Xuyên",
            "huyện Thăng Bình",
            "huyện Núi Thành",
            "huyện Đại Lộc",
        ),
        "nghean": (
            "thành phố Vinh",
            "thị xã Cửa Lò",
            "huyện Diễn Châu",
            "huyện Quỳnh Lưu",
            "huyện Nghi Lộc",
            "huyện Đô Lương",
            "thị xã Thái Hòa",
        ),
    }
)
# The unseen layouts' invented provinces.
PLACES.update(
    {
        "unseen1": ("huyện Đông Sơn", "huyện Tây Hòa", "thị xã Bắc Lâm", "thành phố Nam Giang"),
        "unseen2": ("huyện Hòa Bình", "huyện Yên Phú", "thị xã Phước An", "thành phố Tân Lập"),
        "unseen3": ("huyện Kim Sơn", "huyện Thanh Lâm", "thị xã Quảng Điền", "thành phố Vĩnh An"),
    }
)
PROVINCE = {
    "unseen1": "Ví Dụ Một",
    "unseen2": "Ví Dụ Hai",
    "unseen3": "Ví Dụ Ba",
    "hungyen": "Hưng Yên",
    "laichau": "Lai Châu",
    "thainguyen": "Thái Nguyên",
    "cantho": "Cần Thơ",
    "backan": "Bắc Kạn",
    "quangtri": "Quảng Trị",
    "sonla": "Sơn La",
    "daklak": "Đắk Lắk",
    "quangngai": "Quảng Ngãi",
    "quangnam": "Quảng Nam",
    "nghean": "Nghệ An",
}

LEADERS = (
    "Đại tá Nguyễn Văn Thành – Phó Giám đốc Công an tỉnh",
    "Đại tá Trần Quốc Hưng – Phó Giám đốc Công an tỉnh",
    "Thượng tá Phạm Minh Tuấn – Trưởng phòng Tham mưu",
    "Đại tá Lê Văn Hoà – Phó Giám đốc Công an tỉnh",
    "Thượng tá Đỗ Thanh Bình – Trưởng phòng Công tác chính trị",
)

# Pen names and full names used in credit lines; both tone placements on purpose.
PEN_NAMES = {
    "hungyen": (
        "Phương Huyền",
        "Thuỳ Hương",
        "Minh Đức",
        "Hoàng Long",
        "Ngọc Ánh",
        "Quang Huy",
        "Thu Trang",
        "Đức Anh",
        "Hải Yến",
        "Khánh Linh",
        "Thùy Dương",
    ),
    "laichau": (
        "Thuỳ Linh",
        "Minh Khoa",
        "Hồng Nhung",
        "Đức Thịnh",
        "Ngọc Hà",
        "Lò Văn Thắng",
        "Tòng Thị Hoà",
        "Giàng A Sử",
        "Vàng Thị Mai",
        "Thùy Trang",
    ),
}
PEN_NAMES.update(
    {
        "thainguyen": ("Minh Hằng", "Đức Toàn", "Thuỳ Chi", "Văn Hải", "Hồng Vân"),
        "cantho": ("Ngọc Trâm", "Thanh Phong", "Mỹ Duyên", "Hoàng Nam", "Thùy Trang"),
        "backan": ("Hoàng Hà", "Nông Thị Hoà", "Ma Văn Dũng", "Lý Thu Hằng", "Đức Hiếu"),
        "quangtri": ("Thanh Hải", "Lê Phước", "Minh Tâm", "Hồ Văn Hoà", "Thùy Linh"),
        "sonla": ("Lò Văn Hùng", "Cầm Thị Ngọc", "Minh Hoà", "Quàng Văn Tuấn", "Thu Hà"),
        "daklak": ("H'Hen Niê", "Quang Vinh", "Thuỳ Dung", "Y Phăng", "Ngọc Quý"),
        "quangngai": ("Thanh Nhàn", "Trần Phước", "Minh Hoàng", "Kiều Oanh", "Đinh Văn Lý"),
        "quangnam": ("Văn Sự", "Thái Hòa", "Nguyễn Tin", "Phan Vinh", "Hoài Thương"),
        "nghean": ("Hồ Lài", "Hoài Thu", "Hải Vương", "Đậu Khoa", "Hồng Quang"),
        "unseen1": ("Minh Châu", "Quốc Bảo", "Thuỳ An", "Văn Thắng"),
        "unseen2": ("Hồng Nhung", "Đức Mạnh", "Thanh Xuân", "Trọng Hiếu"),
        "unseen3": ("Hà Phương", "Bảo Ngọc", "Tuấn Kiệt", "Thùy Vân"),
    }
)
FULL_NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Thuỳ Dung",
    "Lê Minh Hoà",
    "Phạm Quốc Việt",
    "Vũ Thị Hoà",
    "Đặng Văn Khoẻ",
    "Bùi Thị Thu Hằng",
)
PAREN_UNITS = (
    "Phòng Tham mưu",
    "Phòng Công tác chính trị",
    "Phòng Cảnh sát giao thông",
    "Phòng Cảnh sát hình sự",
)
DASH_UNITS = ("Công an tỉnh", "Công an tỉnh", "Công an tỉnh", "Phòng Cảnh sát giao thông")
DESKS = ("PV", "CTV", "Ban biên tập")
# Papers named in "Theo Thanh Niên" source credits (docs/sites.md); the paper is the author.
NEWS_SOURCES = ("Thanh Niên", "Tuổi Trẻ", "Báo Công an nhân dân", "Cổng TTĐT Bộ Công an")

# The CMS-family unseen layouts (testbed/replica/unseen_*.py): invented provinces, real-looking
# place names and pen names (both tone placements, as elsewhere).
for _key, (_province, _places, _pens) in {
    "unseen_dnn": (
        "Ví Dụ Mười",
        ("huyện Đồng Xuân", "huyện Lạc Sơn", "thị xã Hòa Phong", "thành phố Bình Giang"),
        ("Minh Tuấn", "Thuỳ Trang", "Đức Long", "Hải Yến"),
    ),
    "unseen_liferay": (
        "Ví Dụ Mười Một",
        ("huyện Krông Ea", "huyện Cư Sơn", "thị xã Buôn Lâm", "thành phố Ea Kar"),
        ("H'Ngọc Niê", "Quang Thái", "Thùy Linh", "Văn Khoa"),
    ),
    "unseen_joomla": (
        "Ví Dụ Mười Hai",
        ("huyện Sơn Hà", "huyện Tân Kỳ", "thị xã Cửa Việt", "thành phố Hồng Lĩnh"),
        ("Hồng Hạnh", "Trọng Nghĩa", "Thuỳ Dương", "Lê Hoà"),
    ),
    "unseen_modern": (
        "Ví Dụ Mười Ba",
        ("quận Bình Tây", "huyện Cần Đước", "thị xã Long Điền", "thành phố Tân Hưng"),
        ("Ngọc Diệp", "Minh Khang", "Bảo Trâm", "Thanh Tùng"),
    ),
    "unseen_wp": (
        "Ví Dụ Mười Bốn",
        ("huyện Mường La", "huyện Bắc Yên", "thị xã Mộc Sơn", "thành phố Điện Châu"),
        ("Lò Văn Sơn", "Cầm Thị Hoà", "Quàng Minh", "Thu Hương"),
    ),
    "unseen_dnn_portal": (
        "Ví Dụ Mười Lăm",
        ("huyện Gio Sơn", "huyện Triệu Lâm", "thị xã Quảng Hà", "thành phố Đông Phước"),
        ("Thanh Tâm", "Hồ Văn Lộc", "Thùy Dung", "Phước Hải"),
    ),
}.items():
    PROVINCE[_key] = _province
    PLACES[_key] = _places
    PEN_NAMES[_key] = _pens


@dataclass(frozen=True)
class Topic:
    key: str
    units: tuple[str, ...]
    titles: tuple[str, ...]
    openers: tuple[str, ...]
    sentences: tuple[str, ...]
    headings: tuple[str, ...]
    captions: tuple[str, ...]
    tags: tuple[str, ...]


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in (
        Topic(
            key="traffic",
            units=("Phòng Cảnh sát giao thông", "Đội Cảnh sát giao thông – Trật tự"),
            titles=(
                "Công an {place} ra quân tuần tra, kiểm soát bảo đảm trật tự an toàn giao "
                "thông dịp Tết Nguyên đán {year}",
                "Xử lý {n} trường hợp vi phạm nồng độ cồn trong đợt cao điểm tại {place}",
                "Tăng cường tuần tra, xử lý vi phạm trật tự an toàn giao thông trên các tuyến "
                "quốc lộ qua {place}",
                "Tuyên truyền an toàn giao thông cho học sinh các trường học ở {place}",
                "Triển khai Nghị định 168/2024/NĐ-CP về xử phạt vi phạm hành chính trong lĩnh "
                "vực giao thông đường bộ",
                "Kiểm tra, xử lý xe quá khổ, quá tải trên tuyến đường tỉnh qua {place}",
            ),
            openers=(
                "Ngày {date}, {unit} phối hợp với Công an {place} tổ chức đợt tuần tra, kiểm "
                "soát trên các tuyến giao thông trọng điểm.",
                "Thực hiện kế hoạch cao điểm bảo đảm trật tự an toàn giao thông, từ ngày "
                "{date}, {unit} đã bố trí {n2} tổ công tác làm nhiệm vụ tại {place}.",
            ),
            sentences=(
                "Lực lượng chức năng tập trung kiểm tra nồng độ cồn, tốc độ và việc chấp hành "
                "quy định về đội mũ bảo hiểm.",
                "Qua tuần tra, kiểm soát, các tổ công tác đã phát hiện, lập biên bản {n} trường "
                "hợp vi phạm, tạm giữ {n2} phương tiện.",
                "Phần lớn các trường hợp vi phạm là người điều khiển xe mô tô đã uống rượu, "
                "bia hoặc chạy quá tốc độ quy định.",
                "Cùng với xử lý vi phạm, lực lượng Cảnh sát giao thông còn hướng dẫn, nhắc nhở "
                "người tham gia giao thông chấp hành nghiêm quy định của pháp luật.",
                "Công an tỉnh khuyến cáo người dân “Đã uống rượu, bia thì không lái xe”, chủ "
                "động giảm tốc độ khi đi qua khu dân cư.",
                "Việc tuần tra được duy trì cả ban ngày và ban đêm, tập trung vào khung giờ có "
                "nguy cơ xảy ra tai nạn cao.",
                "Nhờ triển khai đồng bộ các giải pháp, tai nạn giao thông trên địa bàn giảm cả "
                "ba tiêu chí so với cùng kỳ.",
                "Người dân có thể tra cứu thông tin vi phạm qua hình ảnh trên Cổng thông tin "
                "điện tử của Cục Cảnh sát giao thông.",
                "Các trường hợp vi phạm được xử lý công khai, đúng quy định, không có vùng cấm, "
                "không có ngoại lệ.",
            ),
            headings=(
                "Tập trung xử lý các lỗi vi phạm là nguyên nhân trực tiếp gây tai nạn",
                "Tuyên truyền gắn với xử lý nghiêm",
            ),
            captions=(
                "Lực lượng Cảnh sát giao thông kiểm tra nồng độ cồn người điều khiển phương tiện",
                "Tổ công tác làm nhiệm vụ trên tuyến quốc lộ",
                "Cán bộ Cảnh sát giao thông hướng dẫn học sinh đội mũ bảo hiểm đúng cách",
            ),
            tags=("an toàn giao thông", "nồng độ cồn", "Cảnh sát giao thông"),
        ),
        Topic(
            key="fire",
            units=("Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",),
            titles=(
                "Diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại {facility} ở {place}",
                "Kiểm tra an toàn phòng cháy, chữa cháy đối với nhà ở kết hợp kinh doanh tại "
                "{place}",
                "Tập huấn nghiệp vụ phòng cháy, chữa cháy cho {n} thành viên đội dân phòng {place}",
                "Khuyến cáo bảo đảm an toàn phòng cháy, chữa cháy trong mùa hanh khô năm {year}",
            ),
            openers=(
                "Ngày {date}, {unit} phối hợp với chính quyền địa phương tổ chức diễn tập "
                "phương án chữa cháy và cứu nạn, cứu hộ tại {place}.",
                "Từ ngày {date}, {unit} thành lập các đoàn kiểm tra an toàn phòng cháy, chữa "
                "cháy tại các cơ sở trên địa bàn {place}.",
            ),
            sentences=(
                "Tình huống giả định đặt ra là đám cháy xảy ra tại khu vực kho chứa hàng, "
                "nhiều người bị mắc kẹt cần giải cứu.",
                "Ngay khi nhận tin báo, lực lượng tại chỗ đã sử dụng bình chữa cháy, họng nước "
                "vách tường để dập tắt đám cháy ban đầu.",
                "Đoàn công tác đã hướng dẫn các hộ gia đình bố trí lối thoát nạn thứ hai, trang "
                "bị bình chữa cháy và thiết bị báo cháy.",
                "Lực lượng chức năng khuyến cáo người dân không để hàng hoá dễ cháy gần nguồn "
                "nhiệt, ngắt điện các thiết bị không cần thiết khi ra khỏi nhà.",
                "Khi xảy ra sự cố cháy, nổ, người dân cần bình tĩnh, nhanh chóng báo tin qua số "
                "điện thoại 114.",
                "Buổi diễn tập giúp nâng cao kỹ năng xử lý tình huống cho lực lượng phòng cháy, "
                "chữa cháy cơ sở.",
                "Sự phối hợp nhịp nhàng giữa các lực lượng bảo đảm cứu người bị nạn an toàn, "
                "bảo vệ sức khoẻ và tài sản của nhân dân.",
                "Qua kiểm tra, đoàn đã phát hiện {n2} cơ sở chưa bảo đảm điều kiện an toàn và "
                "yêu cầu khắc phục ngay.",
            ),
            headings=("Không để cháy lớn xảy ra", "Khuyến cáo của lực lượng Cảnh sát PCCC"),
            captions=(
                "Lực lượng Cảnh sát PCCC và CNCH triển khai phương án chữa cháy",
                "Cán bộ hướng dẫn người dân sử dụng bình chữa cháy",
                "Quang cảnh buổi diễn tập",
            ),
            tags=("phòng cháy chữa cháy", "cứu nạn cứu hộ", "an toàn"),
        ),
        Topic(
            key="fraud",
            units=(
                "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
                "Phòng Cảnh sát hình sự",
            ),
            titles=(
                "Cảnh báo thủ đoạn giả danh cán bộ Công an gọi điện yêu cầu cập nhật thông "
                "tin định danh điện tử",
                "Cảnh giác với chiêu lừa đảo tuyển cộng tác viên bán hàng online",
                "Người phụ nữ ở {place} bị lừa hơn {n} triệu đồng sau khi cài ứng dụng giả mạo",
                "Cảnh báo lừa đảo “việc nhẹ lương cao” qua mạng xã hội",
                "Thủ đoạn lừa đảo mạo danh nhân viên điện lực, ngân hàng",
                "Cảnh báo tình trạng lừa đảo đầu tư tiền ảo, sàn giao dịch không phép",
                "Giả danh cơ quan thuế yêu cầu cài đặt ứng dụng, chiếm đoạt tài khoản ngân hàng",
                "Cảnh giác chiêu “hỗ trợ lấy lại tiền bị lừa” trên mạng xã hội",
            ),
            openers=(
                "Thời gian gần đây, {unit} tiếp nhận nhiều tin báo của người dân ở {place} về "
                "việc bị các đối tượng lừa đảo qua không gian mạng.",
                "Ngày {date}, {unit} phát đi thông báo cảnh báo người dân về một số thủ đoạn "
                "lừa đảo mới xuất hiện trên địa bàn {place}.",
            ),
            sentences=(
                "Các đối tượng tự xưng là cán bộ Công an, yêu cầu người dân cài đặt ứng dụng lạ "
                "để “hỗ trợ kích hoạt tài khoản định danh điện tử”.",
                "Sau khi nạn nhân làm theo hướng dẫn, ứng dụng giả mạo chiếm quyền điều khiển "
                "điện thoại và chuyển hết tiền trong tài khoản ngân hàng.",
                "Trong một vụ việc, bà N.T.H. ({place}) đã bị chiếm đoạt {n} triệu đồng chỉ sau "
                "vài giờ nói chuyện qua điện thoại.",
                "Cơ quan Công an khẳng định không làm việc qua điện thoại, không yêu cầu người "
                "dân cài đặt ứng dụng hay cung cấp mã OTP.",
                "Người dân tuyệt đối không truy cập vào các đường link lạ, không chuyển tiền "
                "cho người không quen biết.",
                "Khi phát hiện dấu hiệu lừa đảo, người dân cần báo ngay cho cơ quan Công an gần "
                "nhất hoặc qua ứng dụng VNeID.",
                "Thủ đoạn của các đối tượng ngày càng tinh vi, đánh vào tâm lý hám lợi và sự "
                "thiếu hiểu biết của người bị hại.",
                "Mỗi người dân hãy là một tuyên truyền viên, chia sẻ thông tin cảnh báo tới "
                "người thân, nhất là người cao tuổi.",
            ),
            headings=("Thủ đoạn ngày càng tinh vi", "Khuyến cáo của cơ quan Công an"),
            captions=(
                "Cán bộ Công an tuyên truyền phương thức, thủ đoạn lừa đảo qua mạng",
                "Hình ảnh tin nhắn giả mạo được các đối tượng sử dụng",
            ),
            tags=("lừa đảo", "an ninh mạng", "cảnh báo"),
        ),
        Topic(
            key="drugs",
            units=("Phòng Cảnh sát điều tra tội phạm về ma túy",),
            titles=(
                "Triệt phá đường dây mua bán trái phép chất ma túy tại {place}, thu giữ {n} "
                "gam ma túy tổng hợp",
                "Bắt quả tang đối tượng tàng trữ trái phép chất ma túy ở {place}",
                "Khởi tố {n2} bị can trong chuyên án ma túy liên tỉnh",
                "Tăng cường đấu tranh, phòng ngừa tội phạm ma túy trong học đường tại {place}",
            ),
            openers=(
                "Khoảng {hour} giờ ngày {date}, tổ công tác {unit} phát hiện, bắt quả tang một "
                "đối tượng đang có hành vi tàng trữ trái phép chất ma túy tại {place}.",
                "Ngày {date}, {unit} phối hợp với Công an {place} triển khai kế hoạch tấn công, "
                "trấn áp tội phạm ma túy.",
            ),
            sentences=(
                "Thu giữ tại chỗ {n} gam ma túy tổng hợp dạng viên nén, {n2} điện thoại di động "
                "cùng nhiều tang vật liên quan.",
                "Mở rộng điều tra, lực lượng chức năng đã bắt giữ thêm {n2} đối tượng có liên "
                "quan trong đường dây.",
                "Các đối tượng khai nhận mua ma túy của một đối tượng ở tỉnh ngoài về chia nhỏ "
                "để bán kiếm lời.",
                "Vụ việc đang được Cơ quan Cảnh sát điều tra tiếp tục củng cố hồ sơ để xử lý "
                "theo quy định của pháp luật.",
                "Công an tỉnh đề nghị người dân tích cực tố giác tội phạm ma túy, chung tay xây "
                "dựng địa bàn “sạch” về ma túy.",
                "Tình hình tội phạm ma túy tiềm ẩn nhiều phức tạp, các đối tượng thường lợi "
                "dụng đêm tối để giao dịch.",
                "Đây là kết quả của quá trình trinh sát, theo dõi chặt chẽ trong nhiều tháng "
                "của lực lượng chức năng.",
            ),
            headings=("Mở rộng điều tra", "Không để hình thành tụ điểm phức tạp"),
            captions=(
                "Đối tượng cùng tang vật bị thu giữ",
                "Lực lượng chức năng lập biên bản vụ việc",
                "Tang vật vụ án",
            ),
            tags=("ma túy", "phòng chống ma túy", "tội phạm"),
        ),
        Topic(
            key="honours",
            units=("Phòng Công tác chính trị",),
            titles=(
                "Khen thưởng đột xuất các tập thể, cá nhân có thành tích xuất sắc trong phá án "
                "tại {place}",
                "Trao Bằng khen của Bộ Công an cho {n} tập thể, cá nhân",
                "Biểu dương người dân dũng cảm tham gia bắt giữ đối tượng cướp giật tài sản ở "
                "{place}",
                "Tuyên dương {n} gương điển hình tiên tiến trong phong trào thi đua “Vì an ninh "
                "Tổ quốc” năm {year}",
            ),
            openers=(
                "Chiều {date}, Công an tỉnh tổ chức lễ trao thưởng cho các tập thể, cá nhân có "
                "thành tích xuất sắc trong đấu tranh phòng, chống tội phạm.",
                "Ngày {date}, tại {place}, Công an tỉnh tổ chức gặp mặt, biểu dương những gương "
                "người tốt, việc tốt.",
            ),
            sentences=(
                "Thừa ủy quyền của Giám đốc Công an tỉnh, {leader} đã trao Giấy khen cho {n2} "
                "tập thể và {n} cá nhân.",
                "Các tập thể, cá nhân được khen thưởng đã thể hiện tinh thần trách nhiệm cao, "
                "không quản ngại khó khăn, gian khổ.",
                "Trong số những người được biểu dương có anh Nguyễn Văn Hoà, người đã dũng cảm "
                "cùng lực lượng Công an khống chế đối tượng.",
                "Đây là sự ghi nhận kịp thời, tạo động lực để cán bộ, chiến sỹ tiếp tục phấn "
                "đấu hoàn thành tốt nhiệm vụ được giao.",
                "Lãnh đạo Công an tỉnh đề nghị các tập thể, cá nhân tiếp tục phát huy thành "
                "tích, khiêm tốn học hỏi.",
                "Thời gian qua, nhiều vụ án phức tạp đã được điều tra, làm rõ nhanh chóng, góp "
                "phần giữ vững an ninh, trật tự.",
            ),
            headings=("Ghi nhận kịp thời", "Lan tỏa gương người tốt, việc tốt"),
            captions=(
                "Lãnh đạo Công an tỉnh trao khen thưởng cho các tập thể",
                "Các cá nhân được khen thưởng chụp ảnh lưu niệm",
            ),
            tags=("khen thưởng", "thi đua", "gương điển hình"),
        ),
        Topic(
            key="admin",
            units=("Phòng Cảnh sát quản lý hành chính về trật tự xã hội",),
            titles=(
                "Công an {place} đẩy mạnh thu nhận hồ sơ cấp căn cước cho người dân",
                "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng "
                "dụng VNeID tại {place}",
                "Cấp căn cước lưu động phục vụ người cao tuổi, người ốm đau tại {place}",
                "Triển khai dịch vụ công trực tuyến về đăng ký, quản lý cư trú tại {place}",
                "Hơn {n} nghìn hồ sơ thủ tục hành chính được giải quyết trực tuyến năm {year}",
                "Triển khai thực hiện Nghị định 282/2025/NĐ-CP về xử phạt vi phạm hành chính "
                "trong lĩnh vực an ninh, trật tự",
            ),
            openers=(
                "Thực hiện Đề án 06 của Chính phủ, từ ngày {date}, Công an {place} tổ chức nhiều "
                "đợt cao điểm thu nhận hồ sơ cấp căn cước và định danh điện tử.",
                "Ngày {date}, {unit} phối hợp với Công an {place} tổ chức cấp căn cước lưu động "
                "tại nhà văn hoá các thôn.",
            ),
            sentences=(
                "Cán bộ Công an đã đến tận nhà thu nhận hồ sơ cho người cao tuổi, người khuyết "
                "tật, người ốm đau không thể đi lại.",
                "Người dân được hướng dẫn cài đặt, kích hoạt và sử dụng các tiện ích trên ứng "
                "dụng VNeID như thông báo lưu trú, tích hợp giấy phép lái xe.",
                "Tính đến nay, đơn vị đã thu nhận {n} nghìn hồ sơ căn cước, kích hoạt {n2} nghìn "
                "tài khoản định danh điện tử.",
                "Việc giải quyết thủ tục hành chính trên môi trường điện tử giúp người dân tiết "
                "kiệm thời gian, chi phí đi lại.",
                "Bộ phận một cửa được bố trí khoa học, có cán bộ trực hướng dẫn, giải đáp vướng "
                "mắc cho công dân.",
                "Công an tỉnh tiếp tục đẩy mạnh cải cách hành chính, lấy sự hài lòng của người "
                "dân làm thước đo hiệu quả phục vụ.",
                "Nhiều người dân bày tỏ sự hài lòng trước tinh thần, thái độ phục vụ tận tình "
                "của cán bộ, chiến sỹ.",
            ),
            headings=("Lấy người dân làm trung tâm", "Đẩy mạnh thủ tục hành chính trực tuyến"),
            captions=(
                "Cán bộ Công an thu nhận hồ sơ căn cước cho người dân",
                "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử",
                "Người dân làm thủ tục tại bộ phận một cửa",
            ),
            tags=("căn cước", "VNeID", "cải cách hành chính", "Đề án 06"),
        ),
        Topic(
            key="patrol",
            units=("Phòng Cảnh sát cơ động", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội"),
            titles=(
                "Công an xã tăng cường tuần tra đêm, giữ bình yên thôn xóm ở {place}",
                "Ra mắt mô hình “Camera an ninh” tại {place}",
                "Bảo đảm an ninh, trật tự dịp lễ hội đầu xuân {year} tại {place}",
                "Vận động người dân giao nộp vũ khí, vật liệu nổ và công cụ hỗ trợ tại {place}",
                "Ra quân trấn áp tội phạm, bảo đảm an ninh trật tự dịp cuối năm {year} tại {place}",
            ),
            openers=(
                "Những ngày gần đây, Công an {place} duy trì các tổ tuần tra lưu động vào ban "
                "đêm tại các tuyến đường liên thôn, khu vực giáp ranh.",
                "Ngày {date}, Công an {place} phối hợp với {unit} tổ chức lễ ra quân bảo đảm an "
                "ninh, trật tự.",
            ),
            sentences=(
                "Mỗi tổ tuần tra gồm cán bộ Công an xã phối hợp với lực lượng tham gia bảo vệ "
                "an ninh, trật tự ở cơ sở.",
                "Lực lượng chức năng đã kịp thời phát hiện, giải tán nhiều nhóm thanh thiếu niên "
                "tụ tập, có biểu hiện gây rối trật tự công cộng.",
                "Mô hình được triển khai từ đầu năm, đến nay đã lắp đặt {n} camera tại các điểm "
                "trọng yếu, kết nối với trụ sở Công an xã.",
                "Hình ảnh từ hệ thống camera đã giúp lực lượng chức năng truy vết, làm rõ nhiều "
                "vụ trộm cắp tài sản.",
                "Công tác hoà giải ở cơ sở được chú trọng, nhiều mâu thuẫn trong nhân dân được "
                "giải quyết ngay từ đầu.",
                "Người dân trên địa bàn phấn khởi, yên tâm lao động, sản xuất khi an ninh, trật "
                "tự được giữ vững.",
                "Lực lượng Công an cũng vận động người dân giao nộp {n2} khẩu súng tự chế cùng "
                "nhiều vật liệu nổ còn tàng trữ trái phép.",
            ),
            headings=("Giữ bình yên từ cơ sở", "Phát huy vai trò của quần chúng nhân dân"),
            captions=(
                "Tổ tuần tra Công an xã làm nhiệm vụ ban đêm",
                "Hệ thống camera an ninh được lắp đặt tại khu dân cư",
                "Người dân giao nộp vũ khí, vật liệu nổ cho lực lượng Công an",
            ),
            tags=("an ninh trật tự", "tuần tra", "Công an xã"),
        ),
        Topic(
            key="crime",
            units=("Phòng Cảnh sát hình sự", "Cơ quan Cảnh sát điều tra Công an tỉnh"),
            titles=(
                "Bắt giữ đối tượng trộm cắp tài sản liên huyện tại {place}",
                "Làm rõ vụ cướp giật tài sản chỉ sau {n2} giờ xảy ra ở {place}",
                "Khởi tố nhóm đối tượng đánh bạc, tổ chức đánh bạc tại {place}",
                "Triệt xoá ổ nhóm cho vay lãi nặng trên địa bàn {place}",
                "Truy bắt thành công đối tượng truy nã lẩn trốn {n2} năm",
            ),
            openers=(
                "Ngày {date}, Cơ quan Cảnh sát điều tra Công an {place} cho biết đã bắt giữ đối "
                "tượng có hành vi trộm cắp tài sản.",
                "Ngày {date}, {unit} phối hợp với Công an {place} làm rõ một vụ án xảy ra trên "
                "địa bàn.",
            ),
            sentences=(
                "Trước đó, đơn vị nhận được tin báo của người dân về việc bị mất trộm xe mô tô "
                "để trước cửa nhà.",
                "Qua trích xuất camera và xác minh thực địa, lực lượng chức năng đã nhanh chóng "
                "xác định đối tượng gây án.",
                "Tại cơ quan Công an, đối tượng khai nhận đã thực hiện {n2} vụ trộm cắp trên "
                "địa bàn các huyện giáp ranh.",
                "Tổng giá trị tài sản chiếm đoạt ước tính khoảng {n} triệu đồng.",
                "Cơ quan Cảnh sát điều tra đã ra quyết định khởi tố vụ án, khởi tố bị can và "
                "thi hành lệnh tạm giam đối với đối tượng.",
                "Công an tỉnh khuyến cáo người dân nâng cao cảnh giác, khoá cổ xe, không để tài "
                "sản có giá trị ở nơi dễ bị lợi dụng.",
                "Vụ việc đang được tiếp tục điều tra, mở rộng để xử lý nghiêm theo quy định của "
                "pháp luật.",
            ),
            headings=("Nhanh chóng truy xét", "Nâng cao ý thức cảnh giác"),
            captions=("Đối tượng tại cơ quan Công an", "Hiện trường vụ án", "Tang vật thu giữ"),
            tags=("trộm cắp", "tội phạm", "điều tra"),
        ),
        Topic(
            key="force",
            units=("Phòng Công tác chính trị", "Phòng Tham mưu"),
            titles=(
                "Công an tỉnh tổ chức hội nghị học tập, quán triệt Nghị quyết của Đảng năm {year}",
                "Tổng kết công tác Công an năm {year} và triển khai nhiệm vụ năm {year1}",
                "Bồi dưỡng nghiệp vụ cho lực lượng Công an cấp xã năm {year}",
                "Hội thi điều lệnh, võ thuật, bắn súng Công an nhân dân năm {year}",
                "Sơ kết 6 tháng đầu năm {year} phong trào thi đua “Vì an ninh Tổ quốc” tại Công "
                "an {place}",
                "Gặp mặt, tặng quà cán bộ hưu trí nhân kỷ niệm Ngày truyền thống Công an nhân "
                "dân năm {year}",
            ),
            openers=(
                "Ngày {date}, Đảng ủy Công an tỉnh tổ chức hội nghị học tập, quán triệt và "
                "triển khai thực hiện các Nghị quyết của Đảng.",
                "Ngày {date}, {unit} tổ chức hội nghị với sự tham dự của lãnh đạo các đơn vị "
                "nghiệp vụ và Công an {place}.",
            ),
            sentences=(
                "{leader} dự và chỉ đạo hội nghị.",
                "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến tới Công an "
                "các xã, phường, thị trấn.",
                "Các báo cáo viên đã truyền đạt những nội dung cơ bản, cốt lõi, những điểm mới "
                "của các văn bản.",
                "Cán bộ, chiến sỹ được yêu cầu xây dựng kế hoạch học tập cá nhân, gắn với nhiệm "
                "vụ chuyên môn của đơn vị.",
                "Năm {year}, lực lượng Công an tỉnh hoàn thành vượt mức nhiều chỉ tiêu quan "
                "trọng, tỷ lệ điều tra khám phá án đạt trên {pct}%.",
                "Các phần thi được tổ chức nghiêm túc, bảo đảm an toàn tuyệt đối, phản ánh đúng "
                "trình độ, năng lực của cán bộ, chiến sỹ.",
                "Hội nghị cũng chỉ ra những hạn chế cần khắc phục, nhất là việc phối hợp giữa "
                "các đơn vị có lúc chưa chặt chẽ.",
                "Lãnh đạo Công an tỉnh đề nghị các đơn vị tiếp tục siết chặt kỷ luật, kỷ cương, "
                "nâng cao chất lượng các mặt công tác.",
            ),
            headings=("Nhiều kết quả nổi bật", "Nhiệm vụ thời gian tới"),
            captions=(
                "Quang cảnh hội nghị",
                "Lãnh đạo Công an tỉnh phát biểu chỉ đạo",
                "Đại biểu dự hội nghị",
            ),
            tags=("xây dựng lực lượng", "Đảng ủy Công an tỉnh", "học tập nghị quyết"),
        ),
        Topic(
            key="youth",
            units=("Đoàn Thanh niên Công an tỉnh",),
            titles=(
                "Đoàn Thanh niên Công an tỉnh ra quân hưởng ứng Tháng Thanh niên năm {year}",
                "Tuổi trẻ Công an tỉnh hiến máu tình nguyện “Giọt hồng Công an” năm {year}",
                "Trao tặng {n} suất quà cho học sinh có hoàn cảnh khó khăn tại {place}",
                "Chương trình “Xuân ấm áp” đến với người dân vùng khó khăn {place}",
                "Phát động phong trào toàn dân bảo vệ an ninh Tổ quốc tại {place}",
            ),
            openers=(
                "Sáng {date}, Đoàn Thanh niên Công an tỉnh phối hợp với chính quyền {place} tổ "
                "chức chương trình tình nguyện.",
                "Ngày {date}, {unit} tổ chức chương trình an sinh xã hội tại {place}.",
            ),
            sentences=(
                "Tham gia chương trình có {n} đoàn viên thanh niên đến từ các đơn vị trong Công "
                "an tỉnh.",
                "Các hoạt động gồm tuyên truyền pháp luật, khám bệnh, cấp thuốc miễn phí và "
                "chăm sóc sức khoẻ cho người cao tuổi.",
                "Đoàn công tác đã trao tặng {n2} suất quà, mỗi suất trị giá 500.000 đồng cho "
                "các hộ gia đình có hoàn cảnh khó khăn.",
                "Chương trình góp phần lan tỏa hình ảnh đẹp của người chiến sỹ Công an nhân dân "
                "“Vì nhân dân phục vụ”.",
                "Nhiều đoàn viên đã hiến máu nhiều lần, thể hiện tinh thần “Mỗi giọt máu cho đi "
                "– Một cuộc đời ở lại”.",
                "Hoạt động nhằm thắt chặt mối quan hệ gắn bó giữa lực lượng Công an với nhân dân.",
                "Các em học sinh được hướng dẫn kỹ năng phòng, chống đuối nước, xâm hại và an "
                "toàn khi tham gia giao thông.",
            ),
            headings=("Vì nhân dân phục vụ", "Những phần quà ý nghĩa"),
            captions=(
                "Đoàn viên thanh niên tham gia hiến máu tình nguyện",
                "Trao quà cho học sinh có hoàn cảnh khó khăn",
                "Các đại biểu trao quà cho người dân",
            ),
            tags=("thanh niên", "tình nguyện", "an sinh xã hội"),
        ),
    )
}

GENERIC_SENTENCES = (
    "Thời gian tới, Công an tỉnh {province} tiếp tục triển khai đồng bộ các biện pháp, bảo "
    "đảm an ninh, trật tự trên địa bàn.",
    "Kết quả trên góp phần giữ vững an ninh chính trị, bảo đảm trật tự an toàn xã hội tại "
    "địa phương.",
    "Hoạt động nhận được sự đồng tình, ủng hộ của đông đảo quần chúng nhân dân.",
    "Lãnh đạo Công an tỉnh yêu cầu các đơn vị chủ động nắm chắc tình hình, không để bị động, "
    "bất ngờ trong mọi tình huống.",
    "Công tác phối hợp giữa các lực lượng được thực hiện chặt chẽ, thống nhất, đúng quy định.",
    "Mọi thông tin phản ánh về an ninh, trật tự, người dân có thể liên hệ đường dây nóng của "
    "Công an tỉnh hoặc gọi số 113.",
    "Qua đó, củng cố niềm tin của Nhân dân đối với lực lượng Công an nhân dân.",
    "Đây là một trong những nhiệm vụ trọng tâm được Công an tỉnh {province} xác định ngay từ "
    "đầu năm.",
)

FACILITIES = ("khu công nghiệp", "chợ trung tâm", "trường học", "khu chung cư", "bệnh viện")


@dataclass(frozen=True)
class Draft:
    """Text of one invented article before any site-specific markup."""

    topic: str
    title: str
    sentences: tuple[str, ...]  # opener first
    headings: tuple[str, ...]
    captions: tuple[str, ...]
    tags: tuple[str, ...]


def _slots(rng: random.Random, site: str, topic: Topic, day: date, place: str) -> dict:
    event_day = date.fromordinal(day.toordinal() - rng.randint(0, 2))
    return {
        "place": place,
        "unit": rng.choice(topic.units),
        "province": PROVINCE[site],
        "date": event_day.strftime("%d/%m/%Y"),
        "year": day.year,
        "year1": day.year + 1,
        "leader": rng.choice(LEADERS),
        "facility": rng.choice(FACILITIES),
        "n": rng.randint(12, 96),
        "n2": rng.randint(2, 9),
        "pct": rng.randint(86, 95),
        "hour": rng.randint(8, 22),
    }


def draft_article(
    rng: random.Random, site: str, topic_key: str, day: date, taken_titles: set[str]
) -> Draft:
    """Compose a title (unique within ``taken_titles``) and a pool of sentences."""
    topic = TOPICS[topic_key]
    for _ in range(200):
        place = rng.choice(PLACES[site])
        template = rng.choice(topic.titles)
        title = " ".join(template.format(**_slots(rng, site, topic, day, place)).split())
        if title not in taken_titles:
            break
    else:  # pragma: no cover - banks are large enough for the article counts used
        raise RuntimeError(f"could not find a unique {topic_key} title")
    taken_titles.add(title)
    opener = rng.choice(topic.openers).format(**_slots(rng, site, topic, day, place))
    body = list(topic.sentences)
    rng.shuffle(body)
    generic = list(GENERIC_SENTENCES)
    rng.shuffle(generic)
    # Topic sentences first so the text stays on subject; generic ones pad the end.
    pool = [s.format(**_slots(rng, site, topic, day, place)) for s in body + generic[:4]]
    return Draft(
        topic=topic_key,
        title=title,
        sentences=(opener, *pool),
        headings=topic.headings,
        captions=topic.captions,
        tags=topic.tags,
    )


def split_paragraphs(rng: random.Random, sentences: list[str], n_par: int) -> list[str]:
    """Group sentences into ``n_par`` paragraphs of 1-4 sentences (fewer if text runs out)."""
    paragraphs: list[str] = []
    i = 0
    for k in range(n_par):
        left_pars = n_par - k - 1
        room = len(sentences) - i - left_pars
        if room <= 0:
            break
        take = min(rng.choice((1, 2, 2, 3, 3, 4)), room)
        paragraphs.append(" ".join(sentences[i : i + take]))
        i += take
    return paragraphs
