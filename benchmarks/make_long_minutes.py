"""Compose long, realistic party-cell minutes for speed benchmarks.

``make_minutes(n_words, seed)`` returns the plain text of a fictional residential party cell's
monthly meeting with about ``n_words`` whitespace-separated words: header, attendance, agenda,
the committee's report, then as many discussion turns as needed by ~20 members (drawn from a
pool of hand-written opinions, with varied speaker-cue styles), the chair's conclusion with
task assignments, the vote and the closing. The order of turns, the speakers and the cue styles
are random but fixed by ``seed``. The text is meant for timing the analyzer, not for judging its
accuracy: content repeats once the pool of opinions is used up.

    python benchmarks/make_long_minutes.py 20000 --seed 1 > /tmp/long.txt
"""

from __future__ import annotations

import argparse
import random
import sys

# (full name, role). The last two are absent, the two before them attend but never speak.
MEMBERS: list[tuple[str, str]] = [
    ("Trương Văn Lợi", "Bí thư chi bộ"),
    ("Phan Thị Ngọc Dung", "Phó Bí thư chi bộ"),
    ("Hồ Minh Trí", "Chi ủy viên"),
    ("Nguyễn Văn Hùng", "Trưởng khu phố"),
    ("Lê Mạnh Hùng", "Tổ trưởng tổ dân phố 3"),
    ("Đoàn Thị Hương", "Chi hội trưởng Phụ nữ"),
    ("Quách Văn Sơn", "Chi hội trưởng Cựu chiến binh"),
    ("Tăng Thị Mỹ Lệ", "đảng viên"),
    ("Huỳnh Công Danh", "Trưởng ban công tác Mặt trận"),
    ("Vương Thị Hoài", "đảng viên"),
    ("La Quốc Bảo", "Bí thư Chi đoàn"),
    ("Diệp Văn Tư", "đảng viên"),
    ("Kiều Thị Thanh Xuân", "Tổ trưởng tổ dân phố 5"),
    ("Âu Dương Khải", "Công an khu vực"),
    ("Mạc Thị Liên", "đảng viên"),
    ("Thái Bá Lộc", "Tổ trưởng tổ hòa giải"),
    ("Giang Thị Tuyết", "đảng viên"),
    ("Ninh Văn Cường", "Tổ trưởng tổ dân phòng"),
    ("Lục Thị Kim Chi", "đảng viên"),
    ("Cù Minh Nhật", "đảng viên"),
    ("Tôn Nữ Bảo Trâm", "đảng viên"),
    ("Hà Văn Thắng", "đảng viên"),
    ("Từ Thị Oanh", "đảng viên"),
    ("Khổng Văn Định", "đảng viên"),
]
CHAIR, SECRETARY = MEMBERS[0], MEMBERS[2]
SPEAKERS = MEMBERS[1:20]  # 19 members plus the chair's own interjections
PRESENT = MEMBERS[:22]
ABSENT = [(MEMBERS[22], "có lý do: đi công tác"), (MEMBERS[23], "có lý do: ốm")]

# Hand-written opinions, one paragraph each (first person, as the secretary recorded them).
OPINIONS: list[str] = [
    "Tôi thống nhất với báo cáo của chi ủy. Tuy nhiên phần đánh giá về vệ sinh môi trường còn "
    "chung chung, chưa nêu được tuyến hẻm nào còn tồn tại rác thải. Đề nghị chi ủy bổ sung số "
    "liệu cụ thể để các tổ dân phố có căn cứ khắc phục.",
    "Về an ninh trật tự, thời gian qua trên địa bàn xảy ra hai vụ trộm cắp tài sản vào ban "
    "đêm, đều ở khu vực nhà trọ. Tôi đề nghị tổ dân phòng tăng cường tuần tra từ 23 giờ đến 2 "
    "giờ sáng, đồng thời vận động chủ nhà trọ lắp thêm đèn chiếu sáng.",
    "Công tác thu đảng phí trong quý vừa qua đã có tiến bộ, nhưng vẫn còn một số đồng chí nộp "
    "chậm hai, ba tháng. Tôi đề nghị chi ủy nhắc nhở trực tiếp và thông báo danh sách tại các "
    "kỳ sinh hoạt để mỗi đảng viên tự giác hơn.",
    "Tôi xin phản ánh ý kiến của bà con tổ 12 về đoạn cống thoát nước trên đường số 9 thường "
    "xuyên bị ngập mỗi khi mưa lớn. Người dân đã kiến nghị nhiều lần nhưng chưa được xử lý. Đề "
    "nghị chi bộ kiến nghị Ủy ban nhân dân phường sớm khảo sát, nạo vét.",
    "Qua theo dõi, tôi thấy việc sử dụng dịch vụ công trực tuyến ở khu dân cư còn chậm, nhiều "
    "người cao tuổi không biết cách thao tác. Tôi đề xuất Chi đoàn thanh niên lập tổ hỗ trợ, "
    "mỗi tuần trực một buổi tại nhà văn hóa để hướng dẫn bà con.",
    "Về phát triển đảng viên, năm nay chi bộ chưa kết nạp được đồng chí nào. Nguồn quần chúng "
    "ưu tú chủ yếu là đoàn viên thanh niên nhưng các em thường đi làm xa. Cần phân công đảng "
    "viên theo dõi, giúp đỡ từng quần chúng và báo cáo định kỳ hằng quý.",
    "Tôi nhất trí cao với dự thảo nghị quyết. Riêng chỉ tiêu xây dựng khu dân cư văn hóa, tôi "
    "thấy cần đặt ra tiêu chí đo đếm được, chẳng hạn số hộ ký cam kết, số tuyến hẻm sáng – "
    "xanh – sạch, thay vì chỉ ghi chung là phấn đấu đạt danh hiệu.",
    "Việc chăm lo cho các hộ nghèo, cận nghèo đã được chi bộ quan tâm, nhưng quà tặng chủ yếu "
    "vào dịp Tết. Tôi đề xuất vận động các hộ kinh doanh trên địa bàn hỗ trợ học bổng thường "
    "xuyên cho học sinh nghèo, mỗi tháng một ít nhưng duy trì cả năm học.",
    "Tình trạng lấn chiếm vỉa hè để buôn bán trên tuyến đường chính vẫn tái diễn sau các đợt ra "
    "quân. Nguyên nhân là việc kiểm tra chưa thường xuyên và chưa có chỗ buôn bán thay thế cho "
    "bà con. Cần có giải pháp lâu dài chứ không chỉ xử lý theo phong trào.",
    "Tôi xin tự phê bình là trong quý vừa qua bản thân chưa tham gia đầy đủ các buổi họp của tổ "
    "dân phố do bận công việc. Tôi xin hứa khắc phục, sắp xếp thời gian hợp lý để làm tròn "
    "trách nhiệm của đảng viên nơi cư trú.",
    "Về công tác tuyên truyền, loa phát thanh của khu phố phát vào sáng sớm bị nhiều hộ phản ánh "
    "là ồn. Đề nghị điều chỉnh giờ phát, đồng thời đưa thông tin lên nhóm Zalo của khu phố để bà "
    "con tiện theo dõi.",
    "Tôi đề nghị chi ủy rà soát lại danh sách đảng viên được miễn sinh hoạt, vì có đồng chí sức "
    "khỏe đã hồi phục, có thể tham gia sinh hoạt trở lại. Việc này giúp chi bộ bảo đảm tỷ lệ "
    "đảng viên dự họp theo quy định.",
    "Công tác phòng, chống sốt xuất huyết cần được quan tâm hơn vì mùa mưa đang đến. Tôi đề xuất "
    "tổ chức diệt lăng quăng vào sáng thứ Bảy hằng tuần, giao các tổ trưởng tổ dân phố phối hợp "
    "với trạm y tế phường kiểm tra từng hộ.",
    "Về xây dựng không phép, khu vực giáp ranh với phường bạn có hai trường hợp đang tự ý cơi "
    "nới nhà. Tôi đề nghị chi bộ báo cáo Đảng ủy để chỉ đạo xử lý dứt điểm, tránh để kéo dài "
    "rồi khó giải quyết.",
    "Tôi thấy báo cáo đã phản ánh đúng tình hình. Tuy nhiên phần phương hướng còn dàn trải, "
    "chưa xác định việc nào làm trước. Tôi đề nghị chọn ra ba việc trọng tâm của tháng, giao rõ "
    "người phụ trách và thời hạn hoàn thành.",
    "Hội Cựu chiến binh khu phố đề nghị chi bộ tổ chức thăm hỏi các gia đình chính sách nhân dịp "
    "27 tháng 7. Năm nay có ba gia đình mới chuyển về địa bàn, cần cập nhật danh sách để không "
    "bỏ sót.",
    "Việc thu gom rác đã chuyển sang đơn vị mới nhưng giờ thu gom thay đổi liên tục làm bà con "
    "khó theo dõi. Đề nghị ban điều hành khu phố làm việc với đơn vị thu gom để cố định giờ "
    "giấc và thông báo rộng rãi.",
    "Tôi xin góp ý về tác phong của một số đảng viên trẻ: đi họp còn muộn, trong giờ sinh hoạt "
    "vẫn dùng điện thoại. Đây là chuyện nhỏ nhưng ảnh hưởng đến sự nghiêm túc của buổi sinh "
    "hoạt, đề nghị chi ủy nhắc nhở.",
    "Về quỹ vì người nghèo, năm nay khu phố vận động được hơn 42 triệu đồng, vượt chỉ tiêu được "
    "giao. Tôi đề nghị công khai chi tiết các khoản chi trên bảng tin của nhà văn hóa để bà con "
    "yên tâm đóng góp những năm sau.",
    "Tội phạm lừa đảo qua điện thoại đang diễn biến phức tạp, trong khu phố đã có người bị mất "
    "tiền tiết kiệm. Tôi đề nghị mời công an phường về tuyên truyền cho người cao tuổi, kết hợp "
    "trong buổi sinh hoạt của Hội Người cao tuổi.",
    "Tôi cơ bản đồng ý với báo cáo. Riêng nhận định phong trào thể dục thể thao phát triển "
    "mạnh, tôi thấy chưa chính xác vì sân tập của khu phố đã xuống cấp, số người tham gia giảm "
    "so với năm trước.",
    "Đề nghị chi bộ quan tâm hơn đến việc tiếp nhận đảng viên mới chuyển sinh hoạt về nơi cư "
    "trú. Hiện có hai đồng chí đã nộp giấy giới thiệu hơn một tháng nhưng chưa được sắp xếp vào "
    "tổ đảng.",
    "Về kinh tế, nhiều hộ kinh doanh nhỏ trên địa bàn gặp khó khăn khi chuyển sang dùng hóa đơn "
    "điện tử. Tôi đề xuất phối hợp với cơ quan thuế tổ chức một buổi hướng dẫn tại nhà văn hóa, "
    "vào buổi tối để bà con đi được.",
    "Tôi thấy cần tăng cường kiểm tra, giám sát việc thực hiện nghị quyết của chi bộ. Có những "
    "việc nghị quyết tháng trước đã giao nhưng đến nay chưa ai báo cáo kết quả. Đề nghị đầu mỗi "
    "buổi sinh hoạt dành thời gian rà soát việc đã giao.",
    "Trong dịp hè, nhiều em học sinh không có nơi vui chơi, tụ tập ở các quán trò chơi điện tử. "
    "Tôi đề nghị chi đoàn phối hợp với nhà văn hóa mở lớp bơi, lớp kỹ năng sống miễn phí hoặc "
    "thu phí thấp cho các em.",
    "Tôi xin báo cáo thêm: tổ dân phố 5 đã vận động được toàn bộ hộ gia đình ký cam kết phân "
    "loại rác tại nguồn. Tuy nhiên xe thu gom vẫn đổ chung nên bà con thắc mắc, đề nghị kiến "
    "nghị lên phường để giải quyết.",
    "Về chỉnh trang đô thị, dự án mở rộng hẻm 14 đã được bà con đồng thuận hiến đất nhưng thi "
    "công còn chậm. Tôi đề nghị chi bộ giao đảng viên theo dõi tiến độ và phản ánh kịp thời "
    "những vướng mắc của người dân.",
    "Tôi đề nghị bổ sung vào nghị quyết nội dung học tập và làm theo tấm gương đạo đức Hồ Chí "
    "Minh gắn với việc cụ thể của từng đảng viên, ví dụ mỗi đảng viên nhận giúp đỡ một hộ khó "
    "khăn trong năm.",
    "Qua đợt lấy ý kiến nhân dân, nhiều người phản ánh xe tải chạy vào hẻm nhỏ vào giờ cao "
    "điểm. Cần kiến nghị lắp biển cấm xe tải trên tuyến hẻm 22 và tăng cường kiểm tra.",
    "Tôi thấy công tác dân vận của chi bộ vẫn chủ yếu qua các cuộc họp. Đảng viên cần đến từng "
    "nhà nhiều hơn, nghe bà con nói, nhất là với những hộ còn bức xúc về việc đền bù, giải tỏa.",
    "Về tài chính của chi bộ, tôi đề nghị thư ký công khai thu chi mỗi quý một lần, kể cả các "
    "khoản ủng hộ. Điều này giúp đảng viên nắm được tình hình và tránh những thắc mắc không cần "
    "thiết.",
    "Tôi xin nêu một khó khăn: nhiều đảng viên đã nghỉ hưu, tuổi cao, việc học tập nghị quyết "
    "qua ứng dụng trên điện thoại còn rất hạn chế. Đề nghị vẫn duy trì tài liệu in cho các đồng "
    "chí cao tuổi.",
    "Trong tháng qua, tổ hòa giải ở cơ sở đã giải quyết thành công ba vụ tranh chấp lối đi "
    "chung. Tôi đề nghị chi bộ biểu dương tổ hòa giải và nhân rộng cách làm mời người có uy tín "
    "trong dòng họ cùng tham gia.",
    "Việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở khu tái định cư vẫn vướng mắc kéo "
    "dài nhiều năm. Tôi đề nghị chi bộ tổng hợp danh sách, kiến nghị Đảng ủy phường có văn bản "
    "đề nghị cấp trên tháo gỡ.",
    "Tôi đồng ý với ý kiến của các đồng chí đi trước về an ninh. Tôi nói thêm là camera do người "
    "dân đóng góp đã lắp được mười hai điểm, nhưng chưa kết nối về công an phường nên hiệu quả "
    "còn hạn chế.",
    "Tôi đề nghị chi bộ xem xét lại cách tổ chức sinh hoạt: nên giảm thời gian đọc báo cáo, gửi "
    "trước tài liệu qua nhóm Zalo để đảng viên nghiên cứu, dành nhiều thời gian hơn cho thảo "
    "luận.",
    "Về cải cách hành chính, người dân phản ánh việc chứng thực bản sao tại bộ phận một cửa phải "
    "chờ lâu vào đầu tuần. Đề nghị phường bố trí thêm cán bộ vào sáng thứ Hai hoặc cho đặt lịch "
    "trước.",
    "Phong trào khuyến học ở khu phố có nhiều điểm sáng, năm học vừa qua có 14 em đạt học sinh "
    "giỏi cấp thành phố. Tôi đề xuất tổ chức tuyên dương vào dịp khai giảng để động viên các em "
    "và gia đình.",
    "Tôi xin tự phê bình là trong công tác được giao theo dõi tổ 8, tôi chưa nắm hết tình hình "
    "các hộ tạm trú. Tháng tới tôi sẽ phối hợp với công an khu vực rà soát lại danh sách.",
    "Các đồng chí đã phát biểu khá đầy đủ, tôi chỉ nhấn mạnh thêm: nghị quyết phải sát thực "
    "tế, ngắn gọn, dễ kiểm tra. Những chỉ tiêu không đo được thì nên bỏ, tránh ghi cho có.",
    "Về bảo hiểm y tế, tỷ lệ người dân tham gia bảo hiểm y tế hộ gia đình trên địa bàn mới đạt "
    "khoảng 88%. Tôi đề nghị các tổ trưởng lập danh sách hộ chưa tham gia để vận động, ưu tiên "
    "hỗ trợ người cận nghèo.",
    "Nhà văn hóa khu phố đã xuống cấp, mái tôn dột nhiều chỗ, mùa mưa không tổ chức họp được. Đề "
    "nghị chi bộ kiến nghị phường đưa vào danh mục sửa chữa năm tới, trước mắt vận động xã hội "
    "hóa để thay mái.",
    "Tôi thấy việc đánh giá, xếp loại đảng viên cuối năm cần căn cứ vào kết quả thực hiện nhiệm "
    "vụ tại nơi cư trú, không chỉ dựa vào nhận xét của chi bộ nơi công tác.",
    "Nhóm tự quản trên tuyến đường số 3 hoạt động hiệu quả, bà con tự góp tiền trồng cây và lắp "
    "đèn. Tôi đề nghị chi bộ nhân rộng mô hình này ra các tuyến hẻm khác.",
    "Về phòng cháy chữa cháy, nhiều nhà ống trong hẻm sâu không có lối thoát hiểm thứ hai. Tôi "
    "đề nghị tổ chức tuyên truyền, hướng dẫn bà con trang bị bình chữa cháy và mở lối thoát "
    "hiểm trên mái.",
    "Tôi xin phản ánh tình trạng một số quán nhậu hoạt động quá khuya, gây mất trật tự, ảnh "
    "hưởng đến giấc ngủ của người dân. Đề nghị công an phường kiểm tra, nhắc nhở các chủ quán "
    "đóng cửa đúng giờ.",
    "Đề nghị chi ủy sớm xây dựng kế hoạch tổ chức kỷ niệm ngày thành lập Đảng, phân công cụ thể "
    "các đảng viên chuẩn bị văn nghệ, trang trí, tránh tình trạng sát ngày mới chuẩn bị.",
    "Tôi thống nhất với phương hướng nhiệm vụ. Tuy nhiên chỉ tiêu giảm 2 hộ nghèo trong năm nay "
    "là khó, vì hai hộ này đều có người ốm đau lâu năm, không có khả năng lao động; cần có cách "
    "hỗ trợ phù hợp.",
    "Về quản lý người lao động ngoại tỉnh thuê trọ, nhiều chủ nhà trọ chưa khai báo tạm trú đầy "
    "đủ. Tôi đề nghị tổ chức ký cam kết với chủ nhà trọ, kết hợp kiểm tra định kỳ mỗi quý.",
    "Tôi muốn nêu ý kiến về việc sử dụng nhà văn hóa: một số hộ mượn làm tiệc cưới, đám giỗ "
    "nhưng không dọn dẹp sau khi dùng. Đề nghị ban điều hành có quy chế cho mượn, có đặt cọc.",
    "Tôi đề nghị chi bộ quan tâm hơn đến việc bồi dưỡng lý luận cho đảng viên trẻ. Nên cử các "
    "đồng chí dưới 35 tuổi tham gia lớp bồi dưỡng của Trung tâm chính trị trong năm nay.",
    "Qua các kỳ sinh hoạt, tôi thấy số đảng viên phát biểu còn ít, chủ yếu là các đồng chí trong "
    "chi ủy. Tôi đề nghị chi ủy gợi mở vấn đề trước, phân công một số đồng chí chuẩn bị ý kiến "
    "để buổi sinh hoạt sôi nổi hơn.",
    "Về trật tự giao thông trước cổng trường tiểu học, giờ tan học phụ huynh dừng xe tràn xuống "
    "lòng đường. Tôi đề xuất phối hợp với nhà trường và đoàn thanh niên phân luồng vào giờ cao "
    "điểm.",
    "Tôi xin góp ý về cách ghi biên bản: cần ghi đầy đủ ý kiến của từng đảng viên, ghi rõ ai đề "
    "xuất việc gì, để sau này kiểm tra việc thực hiện có căn cứ.",
    "Nước sạch đã về đến khu phố nhưng vẫn còn 17 hộ ở cuối hẻm 40 chưa được đấu nối vì đường "
    "ống chưa kéo tới. Đề nghị kiến nghị công ty cấp nước sớm khảo sát.",
    "Tôi đồng tình với đề xuất của đồng chí tổ trưởng tổ dân phố 3. Tuy nhiên cần tính đến nguồn "
    "kinh phí thực hiện, tránh để bà con phải đóng góp quá nhiều, dễ gây phản ứng.",
    "Tôi đề nghị đưa nội dung chuyển đổi số vào nghị quyết năm tới một cách cụ thể: mỗi hộ có ít "
    "nhất một người dùng được ứng dụng định danh điện tử và thanh toán không dùng tiền mặt.",
    "Đội văn nghệ của khu phố có nhiều thành viên lớn tuổi, thiếu người trẻ. Tôi đề nghị chi "
    "đoàn vận động đoàn viên tham gia để chuẩn bị cho hội diễn cuối năm.",
    "Tôi xin báo cáo kết quả việc được giao tháng trước: đã làm việc với hai chủ nhà trọ về việc "
    "đổ rác, các chủ nhà đã cam kết nhắc nhở người thuê. Đến nay tình hình đã cải thiện rõ.",
    "Tôi đề nghị chi bộ chỉ đạo các tổ dân phố lập danh sách người cao tuổi sống một mình để có "
    "phương án hỗ trợ khi cần, nhất là trong mùa mưa bão và những ngày nắng nóng.",
    "Tôi thấy cần làm rõ trách nhiệm khi để xảy ra vi phạm trật tự xây dựng kéo dài. Nếu không "
    "xử lý nghiêm thì những trường hợp khác sẽ làm theo.",
    "Về thực hiện dân chủ ở cơ sở, tôi đề nghị các khoản vận động đóng góp phải được bàn bạc "
    "công khai trong cuộc họp tổ dân phố, có biên bản và được đa số hộ đồng ý.",
    "Đề nghị chi ủy phân công đảng viên phụ trách từng nhóm hộ theo địa bàn, mỗi đảng viên phụ "
    "trách khoảng 15 đến 20 hộ, nắm tình hình và báo cáo tại các kỳ sinh hoạt.",
    "Tôi nhất trí với báo cáo và nghị quyết. Tôi bổ sung đề nghị chi bộ quan tâm giải quyết dứt "
    "điểm đơn thư của bà con tổ 6 về việc xây tường lấn ranh, tránh để kéo dài thành điểm nóng.",
    "Về các hộ bán trái cây ở đầu chợ, tôi đề nghị sắp xếp lại vị trí, chừa lối đi cho xe cứu "
    "thương và xe chữa cháy, vì hiện xe lớn không vào được con đường này.",
    "Tôi ủng hộ việc đẩy mạnh thanh toán không dùng tiền mặt, nhưng cần hướng dẫn bà con cảnh "
    "giác với các đường dẫn lạ, không cung cấp mã xác thực cho bất kỳ ai.",
]

AGREE_ONLY = [
    "Tôi nhất trí với báo cáo.",
    "Nhất trí với báo cáo và dự thảo nghị quyết, không có ý kiến bổ sung.",
    "Tôi thống nhất với các ý kiến đã phát biểu.",
    "Đồng ý với nội dung báo cáo của chi ủy.",
    "nhất trí.",
]

CHAIR_REMARKS = [
    "Đồng chí chủ trì đề nghị các đồng chí phát biểu ngắn gọn, tập trung vào giải pháp.",
    "Đồng chí chủ trì tiếp thu và giải thích thêm: việc sửa chữa nhà văn hóa đã được phường ghi "
    "nhận, đang chờ bố trí kinh phí.",
    "Đồng chí chủ trì gợi ý các đồng chí chưa phát biểu cho ý kiến về phần phương hướng.",
    "Đồng chí chủ trì làm rõ: các việc giao trong nghị quyết tháng trước sẽ được rà soát ở cuối "
    "buổi sinh hoạt.",
    "Đồng chí chủ trì tóm tắt các ý kiến đã nêu và đề nghị chuyển sang nội dung tiếp theo.",
    "Đồng chí chủ trì nhắc các đồng chí tắt chuông điện thoại để buổi sinh hoạt được nghiêm túc.",
]

CUE_STYLES = [
    "- Đồng chí {full}: {body}",
    "Đ/c {short} phát biểu: {body}",
    "đ/c {short} ({role}) đề nghị: {body}",
    "Ý kiến của đồng chí {short}:\n{body}",
    "* Đồng chí {full} ({role}): {body}",
    "+ Đ/c {full}: {body}",
    "Đồng chí {short} nêu ý kiến: {body}",
    "- Đồng chí {short} bổ sung: {body}",
]

HEAD = """ĐẢNG BỘ PHƯỜNG HƯNG PHÚ BẮC
CHI BỘ KHU DÂN CƯ SỐ 7
*
ĐẢNG CỘNG SẢN VIỆT NAM
Hưng Phú Bắc, ngày 12 tháng 6 năm 2025

BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 6 NĂM 2025

I. THỜI GIAN, ĐỊA ĐIỂM
Vào hồi 19 giờ 30 phút, ngày 12 tháng 6 năm 2025.
Địa điểm: Nhà văn hóa khu dân cư số 7, phường Hưng Phú Bắc.

II. THÀNH PHẦN
Chủ trì: đồng chí {chair} – Bí thư chi bộ.
Thư ký: đồng chí {secretary} – Chi ủy viên.
Tổng số đảng viên: {total} đồng chí; có mặt {present}/{total} đồng chí; vắng {n_absent:02d} \
đồng chí ({absent}).
Danh sách đảng viên có mặt:
{roster}

III. NỘI DUNG
1. Đồng chí Bí thư chi bộ khai mạc, thông qua chương trình sinh hoạt: kiểm điểm việc thực \
hiện nghị quyết tháng 5; thông tin thời sự; phương hướng nhiệm vụ tháng 6 năm 2025.
2. Chi bộ nghe đồng chí {deputy} – Phó Bí thư chi bộ thông qua báo cáo kết quả tháng 5:
- Các tổ dân phố hoàn thành vận động đóng quỹ vì người nghèo, đạt 112% chỉ tiêu.
- Tổ dân phòng duy trì tuần tra ban đêm; trên địa bàn xảy ra 02 vụ trộm cắp tài sản.
- Thu đảng phí đạt {present}/{total} đồng chí; còn 02 đồng chí chậm nộp.
- Hạn chế: vệ sinh môi trường một số tuyến hẻm chưa chuyển biến; việc thực hiện một số \
nhiệm vụ nghị quyết tháng trước còn chậm.
3. Thảo luận
"""

TAIL = """
IV. KẾT LUẬN
Đồng chí chủ trì kết luận:
1. Chi bộ thống nhất với báo cáo kết quả tháng 5 và tiếp thu các ý kiến thảo luận.
2. Nhiệm vụ tháng 6, phân công thực hiện:
- Giao đồng chí {danh} chủ trì, phối hợp với các tổ trưởng tổ dân phố rà soát các tuyến \
hẻm còn rác thải, hoàn thành trước ngày 30/6/2025.
- Giao đồng chí {cuong} chỉ đạo tổ dân phòng tăng cường tuần tra khu vực nhà trọ từ ngày \
15/6/2025.
- Giao đồng chí {bao} lập tổ thanh niên hỗ trợ người dân sử dụng dịch vụ công trực tuyến \
trong tháng 6.
- Giao đồng chí {secretary} công khai thu chi quỹ chi bộ quý II trước ngày 05/7/2025.
3. Biểu quyết: {present}/{present} đồng chí có mặt tán thành (100%).

Cuộc họp kết thúc vào lúc 21 giờ 45 cùng ngày. Biên bản đã được thông qua trước chi bộ.

THƯ KÝ                                   CHỦ TRÌ
{secretary}                              {chair}
"""


def _short_names(members: list[tuple[str, str]]) -> dict[str, str]:
    """Given name, or middle + given name when two members share a given name."""
    given = [full.split()[-1] for full, _ in members]
    return {
        full: (" ".join(full.split()[-2:]) if given.count(g) > 1 else g)
        for (full, _), g in zip(members, given, strict=True)
    }


def _head() -> str:
    roster = "\n".join(f"{i}. {full} – {role}" for i, (full, role) in enumerate(PRESENT, 1))
    absent = "; ".join(f"đồng chí {m[0]} – {why}" for m, why in ABSENT)
    return HEAD.format(
        chair=CHAIR[0],
        secretary=SECRETARY[0],
        deputy=MEMBERS[1][0],
        total=len(MEMBERS),
        present=len(PRESENT),
        n_absent=len(ABSENT),
        absent=absent,
        roster=roster,
    )


def _tail() -> str:
    by_given = {full.split()[-1]: full for full, _ in MEMBERS}
    return TAIL.format(
        chair=CHAIR[0],
        secretary=SECRETARY[0],
        present=len(PRESENT),
        danh=by_given["Danh"],
        cuong=by_given["Cường"],
        bao=by_given["Bảo"],
    )


def make_minutes(n_words: int, seed: int = 0) -> str:
    """Return minutes of about ``n_words`` words (never fewer than header plus closing)."""
    rng = random.Random(seed)
    head, tail = _head(), _tail()
    budget = n_words - len(head.split()) - len(tail.split())
    short = _short_names(MEMBERS)
    # Some members speak much more than others, as in real meetings.
    weights = [rng.choice((1, 1, 2, 3, 6)) for _ in SPEAKERS]
    deck: list[str] = []
    spoken: set[str] = set()
    turns: list[str] = []
    used = 0
    while used < budget:
        if turns and rng.random() < 0.06:
            turn = rng.choice(CHAIR_REMARKS)
        else:
            full, role = rng.choices(SPEAKERS, weights=weights)[0]
            if rng.random() < 0.08:
                body = rng.choice(AGREE_ONLY)
            else:
                parts = []
                for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                    if not deck:  # go through the whole pool before repeating any opinion
                        deck = OPINIONS[:]
                        rng.shuffle(deck)
                    parts.append(deck.pop())
                body = " ".join(parts) if rng.random() < 0.7 else "\n".join(parts)
            style = CUE_STYLES[0] if full not in spoken else rng.choice(CUE_STYLES)
            spoken.add(full)
            turn = style.format(full=full, short=short[full], role=role, body=body)
        turns.append(turn)
        used += len(turn.split())
    return head + "\n".join(turns) + "\n" + tail


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print long synthetic minutes for benchmarks.")
    parser.add_argument("n_words", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sys.stdout.write(make_minutes(args.n_words, args.seed))


if __name__ == "__main__":
    main()
