package pipeline

import (
	"strings"
	"testing"
)

// The attribution classes of issue #9, each a table of invented sentences
// with the speaker and sources every direct quote should get, in order.

// attrWant is what one direct quote should be attributed to.
type attrWant struct {
	speaker string   // "" for no speaker
	sources []string // names as the text writes them
}

type attrCase struct {
	name, outlet, text string
	want               []attrWant
}

func runAttrCases(t *testing.T, cases []attrCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			doc := runQuotes(t, tt.outlet, tt.text)
			var got []attrWant
			var texts []string
			for _, q := range doc.Quotes {
				if q.Kind != Direct {
					continue
				}
				w := attrWant{}
				if q.Speaker != nil {
					w.speaker = q.Speaker.Name
				}
				for _, s := range q.Sources {
					w.sources = append(w.sources, s.Name)
				}
				got = append(got, w)
				texts = append(texts, doc.Text[q.Start:q.End])
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d direct quotes %q, want %d", len(got), texts, len(tt.want))
			}
			for i := range got {
				if got[i].speaker != tt.want[i].speaker || strings.Join(got[i].sources, "|") != strings.Join(tt.want[i].sources, "|") {
					t.Errorf("quote %d %q: got speaker %q sources %q, want %q %q", i, texts[i],
						got[i].speaker, got[i].sources, tt.want[i].speaker, tt.want[i].sources)
				}
			}
		})
	}
}

// Class 1: relaying media in any spelling, lower-case and camel-case names,
// names a scrape glued to the word before, platforms and channels.
func TestRelayingMediaInAnySpelling(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "a sister outlet in camel case", outlet: "Detik",
			text: `"Stok beras aman sampai akhir tahun," ujar Budi Santoso, dikutip detikFinance.`,
			want: []attrWant{{"Budi Santoso", []string{"detikFinance"}}}},
		{name: "a name glued to kepada", outlet: "Detik",
			text: `"Air makin mahal di kota ini," kata Rina Hartati kepadaCNBC.`,
			want: []attrWant{{"Rina Hartati", []string{"CNBC"}}}},
		{name: "a camel-case name glued to dari", outlet: "Detik",
			text: `"Kami sudah siap bertanding," kata Agus Salim, seperti dikutip daridetikSport, Rabu (22/10/2025).`,
			want: []attrWant{{"Agus Salim", []string{"detikSport"}}}},
		{name: "a lower-case outlet",
			text: `"Harga cabai turun pekan depan," ujar Rina Hartati seperti dilansir kumparan.`,
			want: []attrWant{{"Rina Hartati", []string{"kumparan"}}}},
		{name: "a web address in lower case",
			text: `"Harga cabai turun pekan depan," ujar Rina Hartati, dikutip liputan6.com.`,
			want: []attrWant{{"Rina Hartati", []string{"liputan6.com"}}}},
		{name: "a sister outlet covers the same speaker's later quotes", outlet: "Detik",
			text: "\"Pasokan listrik kembali normal malam ini,\" kata Budi Santoso, dikutip dari detikNews.\n\n" +
				"\"Kami minta maaf atas gangguan tersebut,\" ujarnya.",
			want: []attrWant{{"Budi Santoso", []string{"detikNews"}}, {"Budi Santoso", []string{"detikNews"}}}},
		{name: "the publisher itself is never a source", outlet: "Detik",
			text: `"Pasokan listrik kembali normal malam ini," kata Budi Santoso kepada detikcom.`,
			want: []attrWant{{"Budi Santoso", nil}}},
		{name: "a platform after di",
			text: `Budi Santoso menanggapi kritik itu. "Saya sedih melihat dia keluar jalur," tulisnya dalam sebuah unggahan di Truth Social.`,
			want: []attrWant{{"Budi Santoso", []string{"Truth Social"}}}},
		{name: "a platform with -nya",
			text: `"Jalan ditutup mulai besok pagi," tulis Dinas Bina Marga Kota Contoh di Instagramnya.`,
			want: []attrWant{{"Dinas Bina Marga Kota Contoh", []string{"Instagram"}}}},
		{name: "via media sosial X",
			text: `"Semua pihak harus tetap tenang," kata Budi Santoso via media sosial X.`,
			want: []attrWant{{"Budi Santoso", []string{"X"}}}},
		{name: "an account and its handle",
			text: `"Pelaku sudah kami tangkap," tulis Polres Contoh melalui akun Instagram @polrescontoh.`,
			want: []attrWant{{"Polres Contoh", []string{"akun Instagram @polrescontoh"}}}},
		{name: "a place after di is no platform",
			text: `"Kami tidak terlibat sama sekali," ujar Rina Hartati saat ditemui di XXI Epicentrum.`,
			want: []attrWant{{"Rina Hartati", nil}}},
		{name: "the interview's medium and the relaying one",
			text: `"Saya belum menerima tawaran apa pun," kata Agus Salim dalam wawancara di Goalpost, seperti dikutip daridetikSport.`,
			want: []attrWant{{"Agus Salim", []string{"Goalpost", "detikSport"}}}},
		{name: "the speaker's own account yields to the medium that relayed it",
			text: "\"Serangan itu datang dari utara,\" kata Budi Santoso melalui akun Twitternya, seperti dilansir Sputnik.\n\n" +
				"\"Tidak ada bukti lain,\" sambungnya.",
			want: []attrWant{{"Budi Santoso", []string{"Sputnik"}}, {"Budi Santoso", []string{"Sputnik"}}}},
		{name: "a post the passage opened with covers the organisation's quotes",
			text: "Kabar itu disampaikan Dinas Bina Marga Kota Contoh di Instagramnya, Sabtu (18/10/2025).\n\n" +
				"\"Penutupan dilakukan mulai pekan depan,\" tulis Dinas Bina Marga.",
			want: []attrWant{{"Dinas Bina Marga Kota Contoh", []string{"Instagram"}}}},
		{name: "a channel whose name holds commas",
			text: `"Vaksinasi dimulai pekan depan," kata Budi Santoso, dikutip kanal YouTube Dinas Komunikasi, Informatika, dan Statistik Provinsi Contoh, Senin (20/10/2025).`,
			want: []attrWant{{"Budi Santoso", []string{"kanal YouTube Dinas Komunikasi, Informatika, dan Statistik Provinsi Contoh"}}}},
		{name: "a comma after a site ends its name",
			text: `"Pemain sudah berkumpul di Jakarta," kata Budi Santoso, dikutip dari laman resmi PSSI, Senin (20/10/2025).`,
			want: []attrWant{{"Budi Santoso", []string{"laman resmi PSSI"}}}},
		{name: "a list of names of several words is no name",
			text: `"Pemain sudah berkumpul di Jakarta," kata Budi Santoso, dikutip dari laman resmi PSSI, Timnas Indonesia dan Kemenpora, Senin.`,
			want: []attrWant{{"Budi Santoso", []string{"laman resmi PSSI"}}}},
		{name: "kepadaNya is no medium",
			text: `"Kami berserah diri sepenuhnya," kata Rina Hartati, berdoa kepadaNya.`,
			want: []attrWant{{"Rina Hartati", nil}}},
	})
}

// Class 7: a cited medium covers the quotes that came from it, and not a
// quote posted elsewhere or heard by the reporter.
func TestCitedMediumCoversItsQuotes(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "an opening medium does not stick to a quote posted elsewhere",
			text: "Dilansir Reuters, Kementerian Luar Negeri Rusia membantah laporan itu.\n\n" +
				"\"Kami tidak pernah mengirim pasukan,\" kata Kementerian Luar Negeri Rusia.\n\n" +
				"\"Laporan itu bohong belaka,\" tulis kementerian itu di akun Instagram @kemlurusia.",
			want: []attrWant{{"Kementerian Luar Negeri Rusia", []string{"Reuters"}},
				{"Kementerian Luar Negeri Rusia", []string{"akun Instagram @kemlurusia"}}}},
		{name: "the one medium of a translated report covers every speaker",
			text: "\"Tubuh butuh dua minggu untuk beradaptasi,\" tutur Ollie Santoso dikutip dari ABC News.\n\n" +
				"Konselor Rina Hartati menyebut pindah kota memicu cemas.\n\n" +
				"\"Tahun pertama adalah masa penyesuaian,\" ungkapnya.",
			want: []attrWant{{"Ollie Santoso", []string{"ABC News"}}, {"Rina Hartati", []string{"ABC News"}}}},
		{name: "an article naming several media keeps each to its speaker",
			text: "\"Saya kecewa dengan keputusan itu,\" tulis Budi Santoso di Truth Social.\n\n" +
				"\"Saham perusahaan ikut tertekan,\" kata Agus Salim, dikutip dari NewsWeek.\n\n" +
				"Rina Hartati, pendiri Contoh Invest, mengatakan, \"Risikonya juga sangat besar.\"",
			want: []attrWant{{"Budi Santoso", []string{"Truth Social"}}, {"Agus Salim", []string{"NewsWeek"}}, {"Rina Hartati", nil}}},
		{name: "words said to a medium concern that speaker only",
			text: "\"Harga akan turun pekan depan,\" kata Budi Santoso kepada Reuters.\n\n" +
				"Rina Hartati berpendapat lain. \"Harga masih akan naik,\" ujarnya.",
			want: []attrWant{{"Budi Santoso", []string{"Reuters"}}, {"Rina Hartati", nil}}},
		{name: "a quote the reporter heard takes no earlier medium",
			text: "\"Gas bocor dari selang tua,\" kata Roni Saputra seperti dilansir Balipost.com.\n\n" +
				"Sementara itu, Komandan Damkar Contoh, Agung Mahendra, ditemui di lokasi menyebutkan timnya sudah siaga.\n\n" +
				"\"Sudah aman, tidak ada korban jiwa,\" bebernya.",
			want: []attrWant{{"Roni Saputra", []string{"Balipost.com"}}, {"Agung Mahendra", nil}}},
		{name: "a medium's own source after dari",
			text: `"Saya menyesal atas gol itu," ucap Diego Santoso seperti dikutip BolaSport.com dari AS.`,
			want: []attrWant{{"Diego Santoso", []string{"BolaSport.com", "AS"}}}},
	})
}

// Class 3: a pronoun or -nya refers to the subject that holds the floor, not
// to a person the story only mentions or who only acts in it.
func TestAnaphoraToTheSpeaker(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "the subject, not the object of the report",
			text: "Hendra Gunawan mengatakan tanah itu dibeli Budi Hartono. Dia menyebut Budi bekerja sama dengan pegawai kelurahan.\n\n" +
				"\"Uangnya dipakai untuk membeli mobil,\" ujarnya.",
			want: []attrWant{{"Hendra Gunawan", nil}}},
		{name: "a name first, then its role",
			text: "Sutarno, Ketua Koperasi Nelayan Bahari Jaya, mengatakan hasil tangkapan turun separuh.\n\n" +
				"\"Cuaca buruk sejak bulan lalu,\" ujarnya.",
			want: []attrWant{{"Sutarno", nil}}},
		{name: "a person who only acts in the story does not take the word",
			text: "\"Pelaku kami tangkap di Bitung,\" kata Kapolsek Contoh Kompol Agus Salim.\n\n" +
				"Menurut polisi, Kamal Saputra sempat kabur ke Bitung. Kamal lalu pergi ke pasar untuk menjual laptop korban.\n\n" +
				"\"Dia tidur semalam di kamar korban,\" ungkapnya.",
			want: []attrWant{{"Agus Salim", nil}, {"Agus Salim", nil}}},
		{name: "a wish reported in passing does not take the word",
			text: "Presiden Budi Hartono melantik pengurus baru.\n\nMenteri Sosial Rina Hartati menegaskan bahwa bantuan akan tepat sasaran tahun ini. Presiden Budi Hartono ingin penerima bantuan naik kelas.\n\n" +
				"\"Mereka kami dampingi sampai mandiri,\" tegasnya.",
			want: []attrWant{{"Rina Hartati", nil}}},
		{name: "a person named before who takes a stance takes the word",
			text: "Bupati Rina Hartati meninjau jalur sepeda di Jalan Contoh.\n\n" +
				"\"Jalur ini kami tambah tahun depan,\" kata Budi Santoso, Kepala Dinas Perhubungan.\n\n" +
				"Rina juga melarang pesta kembang api di alun-alun. \"Tidak ada perayaan tahun ini, semua di rumah saja,\" ujarnya.",
			want: []attrWant{{"Budi Santoso", nil}, {"Rina Hartati", nil}}},
		{name: "the agent of an order is no speaker",
			text: "Menteri Pangan Rina Hartati menjamin garam tidak akan diimpor lagi mulai 2027. Hal ini sebagaimana diperintahkan oleh Presiden Budi Hartono.\n\n" +
				"\"Garam konsumsi sudah tidak impor lagi,\" kata dia.",
			want: []attrWant{{"Rina Hartati", nil}}},
		{name: "a person the sentence attributes its content to in passing",
			text: "\"Kami mendengar keluhan warga,\" kata Budi Santoso.\n\n" +
				"Program Jaga Kampung dan Ronda Bersama menurut Rina Hartati juga berhasil mendekatkan polisi dengan warga.\n\n" +
				"\"Kepercayaan publik naik,\" ujarnya.",
			want: []attrWant{{"Budi Santoso", nil}, {"Rina Hartati", nil}}},
		{name: "a report whose pronoun is resolved later still carries the topic",
			text: "\"Pembahasan sudah selesai,\" kata Agus Salim.\n\n" +
				"Dia menjelaskan bahwa ada sejumlah perubahan penting dalam rancangan itu. Selain itu, rancangan juga mengatur keselamatan wisata.\n\n" +
				"\"Keselamatan wisatawan yang utama,\" katanya.",
			want: []attrWant{{"Agus Salim", nil}, {"Agus Salim", nil}}},
		{name: "a titled description as a report's subject points back",
			text: "\"Kami sungguh kehilangan,\" kata Budi Santoso.\n\n" +
				"Bahkan, kata Ketua Umum Partai Contoh ini menyebut persahabatan keduanya makin dekat saat istrinya, Ani Lestari, berpulang.\n\n" +
				"\"Saya yakin ini keputusan terbaik,\" tuturnya.",
			want: []attrWant{{"Budi Santoso", nil}, {"Budi Santoso", nil}}},
		{name: "a long run of sentences about the speaker keeps the speaker",
			text: "\"Pembahasan selesai sebelum Oktober,\" kata Agus Salim.\n\n" +
				"Di tahap akhir ini, menurut dia, tim merapikan pasal-pasal. Menurut dia, ahli bahasa ikut dilibatkan. " +
				"Dia menjelaskan bahwa ada sejumlah perubahan penting dalam rancangan itu. Di antaranya, kata dia, pendidikan wisata ikut diatur.\n\n" +
				"Legislator yang membidangi pariwisata, perindustrian, dan ekonomi kreatif itu, mengatakan bahwa kurikulum sekolah juga berubah. " +
				"Selain itu, rancangan mengatur keselamatan wisata. Jangan sampai, kata dia, musibah serupa terjadi lagi. " +
				"Aturan itu berlaku untuk semua destinasi. Pengelola wajib menyiapkan petugas.\n\n" +
				"\"Keselamatan wisatawan yang utama,\" katanya.",
			want: []attrWant{{"Agus Salim", nil}, {"Agus Salim", nil}}},
		{name: "a pronoun subject goes on about the person before it",
			text: "\"Kami menunggu hasil uji laboratorium,\" kata Budi Santoso.\n\n" +
				"Menurut Agus Salim, hasil uji keluar pekan depan. Dia khawatir muncul kasus baru setelah libur panjang.\n\n" +
				"\"Kerumunan harus dihindari,\" tuturnya.",
			want: []attrWant{{"Budi Santoso", nil}, {"Agus Salim", nil}}},
	})
}

// A document or report that writes is the speaker, by its whole name; a
// statement is its issuer's.
func TestDocumentAsSpeaker(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "a document by its title",
			text: "\"Belanja bunga utang naik 8,6 persen pada 2026,\" tulis dokumen Buku Putih Energi Nasional 2027, dikutip Senin (18/8/2025).\n\n" +
				"\"Faktor pasar turut memengaruhi beban bunga,\" tulis dokumen tersebut.",
			want: []attrWant{{"Buku Putih Energi Nasional 2027", nil}, {"Buku Putih Energi Nasional 2027", nil}}},
		{name: "a report that writes",
			text: `"Satu dari tiga anak kurang zat besi," tulis laporan Jurnal Gizi Nusantara.`,
			want: []attrWant{{"Jurnal Gizi Nusantara", nil}}},
		{name: "a statement is its issuer's",
			text: "Contoh Entertainment merilis pernyataan tentang rumor itu.\n\n\"Kabar tersebut tidak benar,\" tulis pernyataan Contoh Entertainment.",
			want: []attrWant{{"Contoh Entertainment", nil}}},
	})
}

// Class 2: the name at the end of a chain of titles, organisations and
// places, without commas, is the speaker's.
func TestTitleOrganisationNameBoundaries(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "a place that ends an organisation's name",
			text: "Warga diminta tetap di rumah di Bekasi.\n\n\"Kasus naik dua kali lipat,\" kata Kepala Dinas Kesehatan Kota Bekasi Rina Marlina.",
			want: []attrWant{{"Rina Marlina", nil}}},
		{name: "an English title and a hotel before the manager",
			text: "Sementara itu, General Manager Melati Hotel Andi Wirawan mengatakan, tamu tetap wajib memakai masker.\n\n" +
				"\"Kami wajibkan juga bagi karyawan,\" tuturnya.",
			want: []attrWant{{"Andi Wirawan", nil}}},
		{name: "acronyms of an organisation before the name",
			text: "Presiden Direktur KSP BNC Lestari Wulandari mengatakan, kredit tumbuh pelan.\n\n\"Kami tetap berhati-hati,\" ujarnya.",
			want: []attrWant{{"Lestari Wulandari", nil}}},
		{name: "a relative clause after the name",
			text: "Wali Kota Contoh Ibnu Santoso, yang juga Ketua Gugus Tugas Kota Contoh, mengatakan, pembatasan diperpanjang dua pekan.\n\n" +
				"\"Kasus masih naik,\" katanya.",
			want: []attrWant{{"Ibnu Santoso", nil}}},
	})
}

// TestSourceLinksAsLookupFinds: a medium whose name is also a common word,
// which the entity stage leaves unlinked, links in a source phrase as
// "kutip gazetteer lookup" finds it.
func TestSourceLinksAsLookupFinds(t *testing.T) {
	doc := runQuotes(t, "", `"Pembahasan selesai sebelum Oktober," kata Budi Santoso seperti dilansir Antara, Jumat (5/9/2025).`)
	if len(doc.Quotes) != 1 || len(doc.Quotes[0].Sources) != 1 {
		t.Fatalf("want one quote with one source, got %+v", doc.Quotes)
	}
	if src := doc.Quotes[0].Sources[0]; src.Name != "Antara" || src.ID != "antara" {
		t.Errorf("source %q id %q, want Antara id antara", src.Name, src.ID)
	}
}

// Class 4: a role phrase resolves to the person introduced with that role.
func TestRolePhraseToPerson(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "a deputy's title with a demonstrative",
			text: "Wakil Ketua KPK Agus Santoso menyebut penyidik sudah memeriksa saksi.\n\n" +
				"\"Kami tidak akan berhenti,\" kata Wakil Ketua KPK ini.",
			want: []attrWant{{"Agus Santoso", nil}}},
		{name: "a lower-case description with a demonstrative",
			text: "Politikus senior Partai Contoh, Budi Hartanto, hadir dalam rapat itu.\n\n" +
				"\"Koalisi tetap solid,\" ujar politikus senior partai itu.",
			want: []attrWant{{"Budi Hartanto", nil}}},
		{name: "a bare title after the full introduction",
			text: "Bupati Musi Rawas Ratna Dewi meninjau banjir di Desa Contoh.\n\n" +
				"\"Bantuan tiba sore ini,\" ujar Bupati.",
			want: []attrWant{{"Ratna Dewi", nil}}},
		{name: "a lower-case title",
			text: "Presiden Republik Nusantara Budi Hartono tiba di Jakarta.\n\n" +
				"\"Kerja sama ini penting bagi kedua negara,\" kata presiden.",
			want: []attrWant{{"Budi Hartono", nil}}},
		{name: "a title and a short name",
			text: "Presiden Republik Nusantara Budi Hartono tiba di Jakarta.\n\n" +
				"\"Kerja sama ini penting bagi kedua negara,\" kata Presiden Hartono.",
			want: []attrWant{{"Budi Hartono", nil}}},
		{name: "an acronym for the role the person was introduced with",
			text: "Tuntutan itu dibacakan Jaksa Penuntut Umum (JPU) Rahmat Adi Nugroho dalam sidang.\n\n" +
				"\"Perbuatan terdakwa melanggar aturan pengadaan,\" tegas JPU.",
			want: []attrWant{{"Rahmat Adi Nugroho", nil}}},
	})
}

// Class 5: one person, one speaker, however the article spells or clips the
// name.
func TestOnePersonOneSpeaker(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "a typo in a later mention",
			text: "Ketua DPRD Kota Contoh Ayuningtyas Permatasari menyatakan tidak ada kenaikan tunjangan.\n\n" +
				"Ayuningtias juga mengingatkan anggota dewan untuk tidak pamer.\n\n" +
				"\"Kami etalase masyarakat,\" tegasnya.",
			want: []attrWant{{"Ayuningtyas Permatasari", nil}}},
		{name: "a fuller name written with another spelling",
			text: "Konsul Jenderal RI di Kairo Muhamad Feri Sarifudin membenarkan aturan baru itu.\n\n" +
				"\"Biaya tambahan sudah dihapus,\" terang Feri Saripuddin usai acara.",
			want: []attrWant{{"Muhamad Feri Sarifudin", nil}}},
		{name: "two spellings of a name as full as each other stay as written",
			text: "Menteri Pemuda dan Olahraga Jamaludin Rasyid membuka turnamen.\n\n" +
				"\"Atlet kita siap,\" kata Jamaluddin Rasyid.",
			want: []attrWant{{"Jamaluddin Rasyid", nil}}},
		{name: "a clipped name",
			text: "Kurniawan Saputra, warga Desa Contoh, kehilangan rumahnya.\n\n" +
				"\"Semua habis terbakar,\" kata Kurni.",
			want: []attrWant{{"Kurniawan Saputra", nil}}},
		{name: "a clipped one-word name",
			text: "Menurut Kepala Dinas Pariwisata Contoh, Wiryamurti, kunjungan turis naik.\n\n" +
				"\"Hotel sudah penuh,\" kata Wirya.",
			want: []attrWant{{"Wiryamurti", nil}}},
		{name: "a one-word name does not stand for one a little longer",
			text: "Warga bernama Budiman ikut antre sejak pagi.\n\n" +
				"\"Antrenya panjang sekali,\" kata Budi.",
			want: []attrWant{{"Budi", nil}}},
		{name: "a nickname the article gives",
			text: "Siti Aminah, yang akrab disapa Ninik, membuka warung sejak 1998.\n\n" +
				"\"Pembeli makin sepi,\" kata Ninik.",
			want: []attrWant{{"Siti Aminah", nil}}},
		{name: "a name that starts with a title's word and holds another person's",
			text: "Ketua Fraksi Partai Contoh DPR RI Putri Joko Widodo menyebut fraksinya mendukung evaluasi itu.\n\n" +
				"\"Kami terbuka,\" kata Putri.\n\n\"Evaluasi itu perlu,\" ujarnya.",
			want: []attrWant{{"Putri Joko Widodo", nil}, {"Putri Joko Widodo", nil}}},
		{name: "a rank before a short name",
			text: "Kasat Reskrim Polres Contoh AKP Etty Wulandari memimpin penggerebekan.\n\n" +
				"\"Tiga pelaku kami amankan,\" kata Kompol Etty.",
			want: []attrWant{{"Etty Wulandari", nil}}},
		{name: "a Balinese name",
			text: "Kepala Desa Contoh I Nyoman Putra Negara mengatakan upacara tetap digelar.\n\n" +
				"\"Warga sudah bersiap,\" ujar Nyoman.",
			want: []attrWant{{"I Nyoman Putra Negara", nil}}},
	})
}

// Class 6: what is no speaker and no quote.
func TestNotSpeakersNotQuotes(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "an alias inside a case number is no person",
			text: "Sengketa itu terdaftar dengan nomor perkara 971/VIII/ARB-BANI/2017.\n\n" +
				"\"Putusan arbitrase bersifat final,\" kata kuasa hukum Budi Santoso.",
			want: []attrWant{{"Budi Santoso", nil}}},
		{name: "the title of a study is no quote, whatever verb follows",
			text: `Riset berjudul "Lanskap Usaha Kreatif di Indonesia" menyebutkan, semakin banyak usaha sosial tumbuh.`,
			want: nil},
		{name: "the title of a book after a comma is no quote",
			text: `Rudi Hartono dalam bukunya, "Jejak Kopi di Tanah Contoh, 1890-1920", mengatakan, petani kopi menolak tanam paksa.`,
			want: nil},
		{name: "a short quote followed by a demonstrative names a thing",
			text: `Budi Santoso menyebut 'bapak teknologi' itu sebagai tokoh yang patut ditiru.`,
			want: nil},
		{name: "a name inside a case number is no antecedent",
			text: "\"Kami menang di arbitrase,\" kata Darsono Santoso.\n\n" +
				"Lembaga itu mengeluarkan putusan Nomor 971/VIII/ARB-BANI/2017 pada Maret.\n\n" +
				"\"Sampai saat ini dinas belum membayar,\" katanya.",
			want: []attrWant{{"Darsono Santoso", nil}, {"Darsono Santoso", nil}}},
		{name: "a scare-quoted title is no quote",
			text: `Ia dijuluki 'bapak teknologi' oleh warga desanya.`,
			want: nil},
	})
}
