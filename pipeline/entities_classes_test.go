package pipeline

import "testing"

// TestEntityClasses holds one table per class of names the gazetteer does
// not know, in sentences written for the test: typing from context, one
// type per name in a document, whole multi-word names, a name and its
// acronym, capitalised words that name nothing, a city as its club, and
// titles glued to names.
func TestEntityClasses(t *testing.T) {
	g := testGazetteer(t)
	classes := []struct {
		class string
		tests []struct {
			text string
			want []wantEntity
		}
	}{
		{"an unknown name is typed by the words before it", []struct {
			text string
			want []wantEntity
		}{
			{"Bek Arsenal itu cedera saat melawan Brentford.", []wantEntity{
				{Organisation, 4, 11, "Arsenal", "Arsenal FC", "alias"},
				{Organisation, 36, 45, "Brentford", "Brentford", "rule"},
			}},
			{"Pengemudi aplikasi GoRide mengeluh.", []wantEntity{
				{Organisation, 19, 25, "GoRide", "GoRide", "rule"},
			}},
			// A building or site written in lower case is part of the place
			// it names; a region word is not.
			{"Ia menginap di hotel Oranje dekat pelabuhan Wonsan, di kawasan Wonsan.", []wantEntity{
				{Place, 15, 27, "hotel Oranje", "hotel Oranje", "rule"},
				{Place, 34, 50, "pelabuhan Wonsan", "Wonsan", "gazetteer"},
				{Place, 63, 69, "Wonsan", "Wonsan", "gazetteer"},
			}},
			{"Ia bekerja di perusahaan Sinar Lestari.", []wantEntity{
				{Organisation, 25, 38, "Sinar Lestari", "Sinar Lestari", "rule"},
			}},
			{"Guru itu mendirikan Sokola Kirana.", []wantEntity{
				{Organisation, 20, 33, "Sokola Kirana", "Sokola Kirana", "rule"},
			}},
			{"Puluhan warga Cikeas mengungsi.", []wantEntity{
				{Place, 14, 20, "Cikeas", "Cikeas", "rule"},
			}},
			// A name between two places after commas is the place it is in,
			// in an address.
			{"Ia dirawat di Rumah Sakit Harapan, Kertajati, Bandung.", []wantEntity{
				{Place, 14, 33, "Rumah Sakit Harapan", "Rumah Sakit Harapan", "rule"},
				{Place, 35, 44, "Kertajati", "Kertajati", "rule"},
				{Place, 46, 53, "Bandung", "Bandung", "gazetteer"},
			}},
			// A regional office or a news agency is a body, not a building; the
			// office of a known body is that body.
			{"Menurut Kantor Berita Sinar, Kantor Wilayah Kementerian Luar Negeri siap.", []wantEntity{
				{Organisation, 8, 27, "Kantor Berita Sinar", "Kantor Berita Sinar", "rule"},
				{Organisation, 44, 67, "Kementerian Luar Negeri", "Kementerian Luar Negeri", "gazetteer"},
			}},
			// A court after "di" is where the trial is held; elsewhere the body.
			{"Ia disidangkan di Pengadilan Negeri Kertajati. Pengadilan Negeri Kertajati menolak.", []wantEntity{
				{Place, 18, 45, "Pengadilan Negeri Kertajati", "Pengadilan Negeri Kertajati", "rule"},
				{Organisation, 47, 74, "Pengadilan Negeri Kertajati", "Pengadilan Negeri Kertajati", "rule"},
			}},
			// A plural place word types the names after it; the members of a
			// list are of one kind, but a first comma may be an apposition.
			{"Ia singgah di kota-kota Voronel dan Tashimir.", []wantEntity{
				{Place, 24, 31, "Voronel", "Voronel", "rule"},
				{Place, 36, 44, "Tashimir", "Tashimir", "rule"},
			}},
			{"Bus melintasi Bandung, Kertajati dan Malang.", []wantEntity{
				{Place, 14, 21, "Bandung", "Bandung", "gazetteer"},
				{Place, 23, 32, "Kertajati", "Kertajati", "rule"},
				{Place, 37, 43, "Malang", "Kota Malang", "alias"},
			}},
			// A list that starts inside a longer name, or whose members are
			// followed by where they come from, types nothing.
			{"Mereka bertemu Indra Rusia dan Suryani kemarin.", []wantEntity{
				{Person, 15, 20, "Indra", "Indra", "rule"},
				{Place, 21, 26, "Rusia", "Rusia", "gazetteer"},
				{Person, 31, 38, "Suryani", "Suryani", "rule"},
			}},
			{"Juara diraih Wahyuni dari Bandung dan Masngudin dari Malang.", []wantEntity{
				{Person, 13, 20, "Wahyuni", "Wahyuni", "rule"},
				{Place, 26, 33, "Bandung", "Bandung", "gazetteer"},
				{Person, 38, 47, "Masngudin", "Masngudin", "rule"},
				{Place, 53, 59, "Malang", "Kota Malang", "alias"},
			}},
			{"Di antara mereka, Velmora Kartika, ABC dan CVN menguasai pasar.", []wantEntity{
				{Organisation, 18, 33, "Velmora Kartika", "Velmora Kartika", "rule"},
				{Organisation, 35, 38, "ABC", "ABC", "rule"},
				{Organisation, 43, 46, "CVN", "CVN", "rule"},
			}},
			{"Sabuk itu dimiliki Hartono, WBA, WBO dan IBF.", []wantEntity{
				{Person, 19, 26, "Hartono", "Hartono", "rule"},
				{Organisation, 28, 31, "WBA", "WBA", "rule"},
				{Organisation, 33, 36, "WBO", "WBO", "rule"},
				{Organisation, 41, 44, "IBF", "IBF", "rule"},
			}},
			// A name ending in an English word of bodies is one after a title.
			{"Kata Director Bandung Defensive Driving Center, Jusri.", []wantEntity{
				{Organisation, 14, 46, "Bandung Defensive Driving Center", "Bandung Defensive Driving Center", "rule"},
				{Person, 48, 53, "Jusri", "Jusri", "rule"},
			}},
			{"Tiga pimpinan KPK, Hartono, Sumarni dan Wibisono hadir.", []wantEntity{
				{Organisation, 14, 17, "KPK", "KPK", "rule"},
				{Person, 19, 26, "Hartono", "Hartono", "rule"},
				{Person, 28, 35, "Sumarni", "Sumarni", "rule"},
				{Person, 40, 48, "Wibisono", "Wibisono", "rule"},
			}},
			// A capital inside a word is a brand's or a firm's, unless a family
			// name's prefix comes before it; so is a company suffix.
			{"Saham TeleNusa naik, kata McArthur.", []wantEntity{
				{Organisation, 6, 14, "TeleNusa", "TeleNusa", "rule"},
				{Person, 26, 34, "McArthur", "McArthur", "rule"},
			}},
			// Legal forms written with periods; a known firm takes in the
			// suffix written after it.
			{"Saham Velmora N.V. dan Golkar Corp naik.", []wantEntity{
				{Organisation, 6, 18, "Velmora N.V.", "Velmora N.V.", "rule"},
				{Organisation, 23, 34, "Golkar Corp", "Partai Golkar", "alias"},
			}},
			{"Harlow Savings Inc. merugi.", []wantEntity{
				{Organisation, 0, 19, "Harlow Savings Inc.", "Harlow Savings Inc.", "rule"},
			}},
		}},
		{"one type per name in a document", []struct {
			text string
			want []wantEntity
		}{
			{"Klub VfL Wolfsburg menang. Kini Wolfsburg naik ke posisi lima.", []wantEntity{
				{Organisation, 0, 18, "Klub VfL Wolfsburg", "Klub VfL Wolfsburg", "rule"},
				{Organisation, 32, 41, "Wolfsburg", "Klub VfL Wolfsburg", "rule"},
			}},
			{"Brentford kalah lagi. Pekan lalu Arsenal menang melawan Brentford.", []wantEntity{
				{Organisation, 0, 9, "Brentford", "Brentford", "rule"},
				{Organisation, 33, 40, "Arsenal", "Arsenal FC", "alias"},
				{Organisation, 56, 65, "Brentford", "Brentford", "rule"},
			}},
			{"Sumarni tiba di Cikeas. Warga Cikeas menyambut Sumarni.", []wantEntity{
				{Person, 0, 7, "Sumarni", "Sumarni", "rule"},
				{Place, 16, 22, "Cikeas", "Cikeas", "rule"},
				{Place, 30, 36, "Cikeas", "Cikeas", "rule"},
				{Person, 47, 54, "Sumarni", "Sumarni", "rule"},
			}},
		}},
		{"whole multi-word names", []struct {
			text string
			want []wantEntity
		}{
			{"Perusahaan Nusantara Digital Solutions Ltd. membuka kantor.", []wantEntity{
				{Organisation, 0, 43, "Perusahaan Nusantara Digital Solutions Ltd.", "Perusahaan Nusantara Digital Solutions Ltd.", "rule"},
			}},
			// An organisation and a country after it are one organisation.
			{"Golkar Rusia berdiri, dan Golkar menolak.", []wantEntity{
				{Organisation, 0, 12, "Golkar Rusia", "Golkar Rusia", "rule"},
				{Organisation, 26, 32, "Golkar", "Partai Golkar", "alias"},
			}},
			{"Saham PT Sumber Alfaria Trijaya Tbk naik.", []wantEntity{
				{Organisation, 6, 35, "PT Sumber Alfaria Trijaya Tbk", "PT Sumber Alfaria Trijaya Tbk", "rule"},
			}},
			{"Borussia Dortmund kalah di kandang.", []wantEntity{
				{Organisation, 0, 17, "Borussia Dortmund", "Borussia Dortmund", "rule"},
			}},
			// A name ending in a company suffix or an English word of bodies
			// takes in the places before it; an occupation before a place is
			// the members an organisation names.
			{"Saham Wirama Indonesia Inc dan Bandung Mercantile Exchange naik.", []wantEntity{
				{Organisation, 6, 26, "Wirama Indonesia Inc", "Wirama Indonesia Inc", "rule"},
				{Organisation, 31, 58, "Bandung Mercantile Exchange", "Bandung Mercantile Exchange", "rule"},
			}},
			// A survey institute is an organisation, and a country after it
			// part of its name.
			{"Menurut Sigma Riset Indonesia, Hartono unggul.", []wantEntity{
				{Organisation, 8, 29, "Sigma Riset Indonesia", "Sigma Riset Indonesia", "rule"},
				{Person, 31, 38, "Hartono", "Hartono", "rule"},
			}},
			{"Posisi PII Indonesia turun.", []wantEntity{
				{Organisation, 7, 10, "PII", "PII", "rule"},
				{Place, 11, 20, "Indonesia", "Indonesia", "gazetteer"},
			}},
			{"Ia menuturkan, Serikat Petani Indonesia menolak.", []wantEntity{
				{Organisation, 15, 39, "Serikat Petani Indonesia", "Serikat Petani Indonesia", "rule"},
			}},
			// A party or a daily written with its lower-case word: the word
			// is part of the name.
			{"Ia masuk partai Golkar.", []wantEntity{
				{Organisation, 9, 22, "partai Golkar", "Partai Golkar", "alias"},
			}},
			// A street name ends before the number of the building.
			{"Kantornya di Jalan Kenanga Raya No 6 dan Jalan Melati Nomor 30.", []wantEntity{
				{Place, 13, 31, "Jalan Kenanga Raya", "Jalan Kenanga Raya", "rule"},
				{Place, 41, 53, "Jalan Melati", "Jalan Melati", "rule"},
			}},
			{"Label Bintang Timur Records merilis album baru.", []wantEntity{
				{Organisation, 6, 27, "Bintang Timur Records", "Bintang Timur Records", "rule"},
			}},
		}},
		{"a name and its acronym in parentheses", []struct {
			text string
			want []wantEntity
		}{
			// The NER standards kutip is measured on mark "Name (ABBR)" as one
			// mention; the acronym alone later links to the name.
			{"Kementerian Pertanian (Kementan) menyatakan stok aman. Kementan juga menambah pupuk.", []wantEntity{
				{Organisation, 0, 32, "Kementerian Pertanian (Kementan)", "Kementerian Pertanian", "rule"},
				{Organisation, 55, 63, "Kementan", "Kementerian Pertanian", "coref"},
			}},
			// A short form starting in lower case, as an Arabic article does.
			{"Yayasan Cahaya Bangsa (al-Cahaya) membuka sekolah. Kata al-Cahaya, sekolahnya gratis.", []wantEntity{
				{Organisation, 0, 33, "Yayasan Cahaya Bangsa (al-Cahaya)", "Yayasan Cahaya Bangsa", "rule"},
				{Organisation, 56, 65, "al-Cahaya", "Yayasan Cahaya Bangsa", "coref"},
			}},
		}},
		{"capitalised words that name nothing", []struct {
			text string
			want []wantEntity
		}{
			{"Alhasil, harga beras naik.", nil},
			{"Usai Ratas, Waketum Hartono bicara.", []wantEntity{
				{Person, 20, 27, "Hartono", "Hartono", "rule"},
			}},
			{"Proyek LRT dan jaringan GSM butuh SDM andal.", nil},
			{"Saham PT itu naik.", nil},
			{"Solenodon ini hidup di hutan.", nil},
			// A day or month is no name, after a name or alone.
			{"Ini sudah selesai, kata Arbi, Ahad (4/3).", []wantEntity{
				{Person, 24, 28, "Arbi", "Arbi", "rule"},
			}},
			// A party's board stays outside the party, and its region is the
			// board's; a board alone other than the DPD names nothing.
			{"Rapat DPP Partai Golkar di kantor DPP Partai Golkar ditunda.", []wantEntity{
				{Organisation, 10, 23, "Partai Golkar", "Partai Golkar", "gazetteer"},
				{Place, 27, 51, "kantor DPP Partai Golkar", "kantor DPP Partai Golkar", "rule"},
			}},
			{"Kisruh DPD Golkar Sulsel diserahkan ke DPP, kata anggota DPD itu.", []wantEntity{
				{Organisation, 11, 17, "Golkar", "Partai Golkar", "alias"},
				{Organisation, 57, 60, "DPD", "Dewan Perwakilan Daerah", "alias"},
			}},
			{"DPD Golkar Sulawesi Selatan (Sulsel) menggelar rapat.", []wantEntity{
				{Organisation, 4, 10, "Golkar", "Partai Golkar", "alias"},
				{Place, 11, 36, "Sulawesi Selatan (Sulsel)", "Sulawesi Selatan", "gazetteer"},
			}},
			// A numbered commission is a unit of the body after it.
			{"Anggota Komisi III DPR itu menilai Komisi VII lamban.", []wantEntity{
				{Organisation, 19, 22, "DPR", "Dewan Perwakilan Rakyat", "alias"},
			}},
			// An event named in English; a unit after a number word.
			{"Suap wisma atlet SEA Games terungkap.", nil},
			{"Rumor beredar sejak pameran Januari-April.", nil},
			// A taxon, a drug, a style, a branded fuel: kinds of things.
			{"Fosil spesies Diadectes dan obat Zamorin, bergaya Romawi.", nil},
			{"Warga beralih ke BBM seperti Pertamax.", nil},
			{"Penghargaan Ramon Santoso diberikan saat BI Rate naik.", nil},
			{"Isu SARA merebak di Tanah Air.", nil},
			// Nouns taken from Latin and Dutch, capitalised in a title.
			{"Seminar Jurnalisme dan Reformasi Retribusi digelar.", nil},
			// Acronyms of common nouns: a crime scene, an honorific, a chapter,
			// NGOs in general, a summit.
			{"Polisi tiba di TKP, sebuah LSM berdoa kepada Allah SWT.", nil},
			{"Pasal itu ada di BAB tentang KTT dan PLTU.", nil},
			{"Aturan itu tertuang dalam Perda-nya.", nil},
			{"Kuota turun menjadi 46 juta KL.", nil},
		}},
		{"a city as its club", []struct {
			text string
			want []wantEntity
		}{
			{"Persija kalah saat melawan Bandung.", []wantEntity{
				{Person, 0, 7, "Persija", "Persija", "rule"},
				{Organisation, 27, 34, "Bandung", "Bandung", "rule"},
			}},
			{"Persib Bandung menjamu Malang.", []wantEntity{
				{Organisation, 0, 14, "Persib Bandung", "Persib Bandung", "rule"},
				{Organisation, 23, 29, "Malang", "Malang", "rule"},
			}},
			{"Warga Bandung menonton di Malang.", []wantEntity{
				{Place, 6, 13, "Bandung", "Bandung", "gazetteer"},
				{Place, 26, 32, "Malang", "Kota Malang", "alias"},
			}},
		}},
		{"titles glued to names stay outside them", []struct {
			text string
			want []wantEntity
		}{
			// A doctor's title in lower case.
			{"Menurut drg Ratna Sari, gigi rusak.", []wantEntity{
				{Person, 12, 22, "Ratna Sari", "Ratna Sari", "rule"},
			}},
			// Police and military ranks written out are titles, as their
			// abbreviations are (spec: a speaker's name has no ranks).
			{"Kapolres Ajun Komisaris Besar Dani Hartono dan Inspektur Polisi Satu Rina Kusuma hadir.", []wantEntity{
				{Person, 30, 42, "Dani Hartono", "Dani Hartono", "rule"},
				{Person, 69, 80, "Rina Kusuma", "Rina Kusuma", "rule"},
			}},
			{"Letnan Kolonel Bayu Pratama dan Komisaris Jenderal Agus Salim datang.", []wantEntity{
				{Person, 15, 27, "Bayu Pratama", "Bayu Pratama", "rule"},
				{Person, 51, 61, "Agus Salim", "Agus Salim", "rule"},
			}},
			{"Mensesneg Budi Setiawan hadir.", []wantEntity{
				{Person, 10, 23, "Budi Setiawan", "Budi Setiawan", "rule"},
			}},
			{"Menkopolkam Hartono Wibisono dan Menkokesra Yusuf Hamdani hadir.", []wantEntity{
				{Person, 12, 28, "Hartono Wibisono", "Hartono Wibisono", "rule"},
				{Person, 44, 57, "Yusuf Hamdani", "Yusuf Hamdani", "rule"},
			}},
			// English ranks in company titles.
			{"Kata Deputy GM Sales Rahmat Hidayat.", []wantEntity{
				{Person, 21, 35, "Rahmat Hidayat", "Rahmat Hidayat", "rule"},
			}},
			{"Deputi Gubernur Senior Rahmat Hidayat berpidato.", []wantEntity{
				{Person, 23, 37, "Rahmat Hidayat", "Rahmat Hidayat", "rule"},
			}},
			// The region of a regional head is the title's.
			{"Gubernur Jakarta Rudi Hartanto dan Wali Kota Bandung hadir di Bandung.", []wantEntity{
				{Person, 17, 30, "Rudi Hartanto", "Rudi Hartanto", "rule"},
				{Place, 62, 69, "Bandung", "Bandung", "gazetteer"},
			}},
			// A portfolio of two words joined by "dan" is the title's.
			{"Menteri Pemuda dan Olahraga Rudi Hartanto hadir.", []wantEntity{
				{Person, 28, 41, "Rudi Hartanto", "Rudi Hartanto", "rule"},
			}},
			{"Menteri Hukum dan Hak Asasi Manusia Amir Santoso hadir.", []wantEntity{
				{Person, 36, 48, "Amir Santoso", "Amir Santoso", "rule"},
			}},
			// Initials after a title open the name; a letter or two between
			// name words are middle initials; a title ending the name is its
			// last word.
			{"Menteri Perhubungan E. E. Wirasena hadir.", []wantEntity{
				{Person, 20, 34, "E. E. Wirasena", "E. E. Wirasena", "rule"},
			}},
			{"Menteri Hukum Darmono H Sitepu dan Arifin MS Lubis hadir.", []wantEntity{
				{Person, 14, 30, "Darmono H Sitepu", "Darmono H Sitepu", "rule"},
				{Person, 35, 50, "Arifin MS Lubis", "Arifin MS Lubis", "rule"},
			}},
			{"Kata Ujang Ramlan Hakim kemarin.", []wantEntity{
				{Person, 5, 23, "Ujang Ramlan Hakim", "Ujang Ramlan Hakim", "rule"},
			}},
			// A known person inside a longer name is not that person.
			{"Wakil Ketua DPR Priyo Joko Widodo hadir.", []wantEntity{
				{Organisation, 12, 15, "DPR", "Dewan Perwakilan Rakyat", "alias"},
				{Person, 16, 33, "Priyo Joko Widodo", "Priyo Joko Widodo", "rule"},
			}},
		}},
		{"a name stays within its line and out of a body's name", []struct {
			text string
			want []wantEntity
		}{
			// A one-word heading line is no part of the name opening the
			// paragraph after it.
			{"Juara\n\nI Made Suarta berhasil meraih medali.", []wantEntity{
				{Person, 7, 20, "I Made Suarta", "I Made Suarta", "rule"},
			}},
			// Every line break the segmenter knows ends a name: a lone
			// carriage return, a line separator.
			{"Juara\rI Made Suarta berhasil meraih medali.", []wantEntity{
				{Person, 6, 19, "I Made Suarta", "I Made Suarta", "rule"},
			}},
			{"Juara\u2028I Made Suarta berhasil meraih medali.", []wantEntity{
				{Person, 8, 21, "I Made Suarta", "I Made Suarta", "rule"},
			}},
			// "Gugus Tugas" opens a body's name, as "Satuan Tugas" does.
			{"Juru Bicara Gugus Tugas Penanganan Banjir Dewi Kartika mengatakan warga aman.", []wantEntity{
				{Organisation, 12, 41, "Gugus Tugas Penanganan Banjir", "Gugus Tugas Penanganan Banjir", "rule"},
				{Person, 42, 54, "Dewi Kartika", "Dewi Kartika", "rule"},
			}},
			// A name after a body's acronym that the article later calls by
			// a later word starts there when the word before is no given
			// name, or after the acronym of a common noun (LSM), which the
			// body's name follows; a name of a title's body called by its
			// last word stays whole.
			{"Kepala BMKG Contoh Rina Hartati mengatakan hujan turun. Rina meminta warga waspada.", []wantEntity{
				{Organisation, 7, 11, "BMKG", "BMKG", "rule"},
				{Person, 19, 31, "Rina Hartati", "Rina Hartati", "rule"},
				{Person, 56, 60, "Rina", "Rina Hartati", "coref"},
			}},
			{"Ketua LSM Jaga Bumi Andi Wirawan menolak tambang itu. Menurut Andi, hutan rusak.", []wantEntity{
				{Organisation, 6, 19, "LSM Jaga Bumi", "LSM Jaga Bumi", "rule"},
				{Person, 20, 32, "Andi Wirawan", "Andi Wirawan", "rule"},
				{Person, 62, 66, "Andi", "Andi Wirawan", "coref"},
			}},
			{"Ketua KPSN Abraham Samad hadir. Samad menolak berkomentar.", []wantEntity{
				{Organisation, 6, 10, "KPSN", "KPSN", "rule"},
				{Person, 11, 24, "Abraham Samad", "Abraham Samad", "rule"},
				{Person, 32, 37, "Samad", "Abraham Samad", "coref"},
			}},
		}},
	}
	for _, c := range classes {
		t.Run(c.class, func(t *testing.T) {
			for _, tt := range c.tests {
				expectEntities(t, g, tt.text, tt.want)
			}
		})
	}
}
