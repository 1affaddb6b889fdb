package timex

import (
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

// benchText is about 3 KB of news in the supported languages, as one report might mix quotes and sources.
const benchText = `Les forces gouvernementales syriennes ont repris samedi 14 octobre la ville d'Al-Mayadine, dans la province de Deir ez-Zor, selon l'Observatoire syrien des droits de l'homme. Les jihadistes se sont repliés vers Abou Kamal, près de la frontière avec l'Irak. L'accord a été scellé le 12 octobre, a assuré M. Steiger jeudi.

Iraqi Prime Minister Haider al-Abadi arrived in Mosul on Sunday to congratulate the armed forces on recapturing the city from Islamic State, nearly nine months after the offensive began in October 2016. Fighting continued in pockets of the Old City near the Tigris. Thousands of displaced families remain in camps around Erbil and Dohuk, the U.S. envoy said yesterday.

Camiones con ayuda humanitaria intentaron cruzar este sábado desde Cúcuta hacia Venezuela por el puente Simón Bolívar. En Caracas, el gobierno de Nicolás Maduro cerró la frontera con Colombia el 3 de marzo de 2019.

Russische Truppen haben nach Angaben der ukrainischen Behörden am Dienstag die Hafenstadt Cherson eingenommen. In Charkiw wurde am 1. März das Gebäude der Gebietsverwaltung von einer Rakete getroffen. Tausende Menschen flohen gestern über Lwiw nach Polen.

Domenica le truppe sono entrate a Mosul, dopo aver ripreso Tal Afar il 12 ottobre. Nel 2014 la città era caduta in mano all'Isis. Lunedì 13 novembre, a Roma, la polizia ha arrestato un uomo; nella notte tra sabato e domenica un incendio ha colpito Napoli.

El pasado 12 de octubre, miles de personas marcharon en Barcelona. La madrugada del domingo hubo incendios en Galicia y, según el gobierno, ayer por la mañana se registraron nuevos focos en Ourense.

As tropas entraram em Mossul no domingo, segundo o governo. Na última sexta-feira, os combates chegaram a Erbil, e em outubro a ofensiva começou.

أعلنت قوات سوريا الديمقراطية يوم الأحد السيطرة الكاملة على مدينة الرقة بعد معارك استمرت أربعة أشهر. وقال متحدث باسم التحالف الدولي أمس إن مئات المقاتلين غادروا المدينة باتجاه دير الزور في 12 تشرين الأول/أكتوبر.

Rebel fighters pushed into the heart of Tripoli overnight as Muammar Gaddafi's forces collapsed. In Benghazi, crowds celebrated in Freedom Square on Monday, while NATO said strikes would continue around Sirte, Gaddafi's hometown on the coast, until November. La coalition internationale n'a pas pu stopper la fuite des combattants; les membres de l'Etat islamique auraient rejoint Markada et Abu Kamal, deux villes syriennes proches de la frontière irakienne, en juillet.`

func BenchmarkDoc(b *testing.B) {
	ref := report.DayDate(2017, 10, 20)
	var spans [][2]int
	for _, name := range []string{"Al-Mayadine", "Deir ez-Zor", "Abou Kamal", "Mosul", "Erbil", "Dohuk", "Cúcuta",
		"Caracas", "Colombia", "Cherson", "Charkiw", "Lwiw", "Tal Afar", "Mossul", "الرقة", "دير الزور", "Tripoli",
		"Benghazi", "Sirte", "Markada"} {
		i := strings.Index(benchText, name)
		if i < 0 {
			b.Fatalf("%q not in the text", name)
		}
		spans = append(spans, [2]int{i, i + len(name)})
	}
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		d := NewDoc(benchText, "", ref)
		if len(d.Exprs()) == 0 {
			b.Fatal("no expressions")
		}
		for _, s := range spans {
			d.DateFor(s[0], s[1])
		}
	}
}
