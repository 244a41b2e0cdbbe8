package pipeline

import "testing"

// TestSpeakerNameAsWritten: a speaker's name is the fullest name the article
// writes, without titles and ranks; the gazetteer's name is its Canonical.
func TestSpeakerNameAsWritten(t *testing.T) {
	tests := []struct {
		name, text, speaker, canonical string
	}{
		{"a short form the gazetteer knows in full stays as written",
			`"Kami akan bekerja untuk rakyat," kata Prabowo di Jakarta.`, "Prabowo", "Prabowo Subianto"},
		{"the fullest form the article writes",
			"Presiden Prabowo Subianto tiba di Bandung.\n\n\"Kami akan bekerja untuk rakyat,\" kata Prabowo.", "Prabowo Subianto", "Prabowo Subianto"},
		{"titles and ranks before the name are dropped",
			`"Pelaku sudah kami tangkap," kata Kapolres Bogor AKBP Rio Wahyu Anggoro.`, "Rio Wahyu Anggoro", ""},
		{"an honorific before a short name",
			`"Izin tambang itu cacat sejak awal," ucap Prof Ratna di kampus.`, "Ratna", ""},
		{"the fullest form the article writes where the entity stage found a part",
			"Pendapat itu datang dari pengamat tata kota Rusdi Putra Sembiring dalam seminar di Medan.\n\n\"Trotoar harus untuk pejalan kaki,\" kata Rusdi.", "Rusdi Putra Sembiring", ""},
		{"initials inside the fullest form",
			"Seminar itu mengundang Prof Dr Ratna D.W. Kusumastuti, guru besar hukum laut.\n\n\"Izin tambang itu cacat sejak awal,\" ucap Prof Ratna.", "Ratna D.W. Kusumastuti", ""},
		{"an acronym closing the name",
			"Psikolog Anak dan Keluarga Wulan RTA menyambut baik aturan itu.\n\n\"Usia 19 tahun sudah cukup matang,\" tutur Wulan.", "Wulan RTA", ""},
		{"a common word opening the sentence is not the name's",
			"Sedangkan Jed Dorsen, analis di sebuah bank, ragu.\n\n\"Investor sudah jengah,\" sebutnya.", "Jed Dorsen", ""},
		{"a name word that is also a common word",
			"Cucu Ahmad Kurnia memimpin rapat itu.\n\n\"Sekolah dibuka pekan depan,\" kata Cucu.", "Cucu Ahmad Kurnia", ""},
		{"a name in a title in quotation marks is not the article's",
			"\"Hari ini kita menandatangani tujuh nota kesepahaman,\" ucap Prabowo.\n\nSimak juga video \"Menlu Contohland Sambangi Prabowo, Bahas Beras\"", "Prabowo", "Prabowo Subianto"},
		{"an organisation's short form with an acronym is the name it abbreviates",
			"Kabar itu disampaikan Dinas Pekerjaan Umum Kota Contoh di Instagramnya.\n\n\"Jembatan ditutup mulai besok,\" tutur Dinas PU.", "Dinas Pekerjaan Umum Kota Contoh", ""},
		{"a country speaking is not a part of its president's title",
			"Presiden Rusia Vladimir Putin tiba di Pyongyang.\n\n\"Kami tidak akan mundur,\" tulis Rusia dalam pernyataannya.", "Rusia", "Rusia"},
		{"an honorific written with periods",
			`"Bebas visa berlaku hingga Maret," kata Duta Besar Republik Contohland untuk Indonesia, H.E Park Minjae seperti dikutip dari situs Wisata Contohland.`, "Park Minjae", ""},
		{"the words of a title's list before the name are not the name's",
			"Menteri Kelautan dan Perikanan Bayu Adi Prasetyo tiba di Ambon.\n\n\"Kapal asing akan kami tenggelamkan,\" kata Bayu.", "Bayu Adi Prasetyo", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := runQuotes(t, "", tt.text)
			if len(doc.Quotes) != 1 || doc.Quotes[0].Speaker == nil {
				t.Fatalf("want one quote with a speaker, got %+v", doc.Quotes)
			}
			sp := doc.Quotes[0].Speaker
			if sp.Name != tt.speaker || sp.Canonical != tt.canonical {
				t.Errorf("speaker %q canonical %q, want %q canonical %q", sp.Name, sp.Canonical, tt.speaker, tt.canonical)
			}
			if (sp.ID != "") != (tt.canonical != "") {
				t.Errorf("id %q with canonical %q", sp.ID, sp.Canonical)
			}
		})
	}
}
