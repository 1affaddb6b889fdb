package timex

import (
	"fmt"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

func mustDate(t *testing.T, s string) report.Date {
	t.Helper()
	d, err := report.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// exprs writes a Doc's expressions as "text=date" for comparison.
func exprs(d *Doc) string {
	var b []string
	for _, e := range d.Exprs() {
		b = append(b, e.Text+"="+e.Date.String())
	}
	return strings.Join(b, "; ")
}

func TestExprs(t *testing.T) {
	for _, c := range []struct{ name, lang, ref, text, want string }{
		// 2017-11-16 is a Thursday; 2013-01-28 a Monday.
		{"fr weekday same day", "fr", "2013-01-28", "Les soldats sont entrés lundi dans Tombouctou.", "lundi=2013-01-28"},
		{"fr weekday before", "fr", "2013-01-28", "après avoir repris Gao samedi soir", "samedi=2013-01-26"},
		{"fr weekday with day and month", "fr", "2017-10-15", "ont repris samedi 14 octobre la ville", "samedi 14 octobre=2017-10-14"},
		{"fr day month, first of month", "fr", "2017-11-16", "le 12 octobre et le 1er novembre", "12 octobre=2017-10-12; 1er novembre=2017-11-01"},
		{"fr full date", "fr", "2017-11-16", "le 16 novembre 2015", "16 novembre 2015=2015-11-16"},
		{"fr relative days", "fr", "2017-11-16", "hier, avant-hier, aujourd'hui et demain", "hier=2017-11-15; avant-hier=2017-11-14; aujourd'hui=2017-11-16; demain=2017-11-17"},
		{"fr month after report month is last year", "fr", "2017-03-16", "en juillet, puis en mars", "juillet=2016-07; mars=2017-03"},
		{"fr month just after report is upcoming", "fr", "2017-11-16", "des élections en décembre", "décembre=2017-12"},
		{"fr mid-month", "fr", "2017-11-16", "à la mi-octobre", "mi-octobre=2017-10"},
		{"fr last and next weekday", "fr", "2017-11-16", "jeudi dernier et lundi prochain", "jeudi dernier=2017-11-09; lundi prochain=2017-11-20"},
		{"fr years in context only", "fr", "2017-11-16", "en 2015, sur 3 500 civils et 300 combattants, 2016 morts, depuis 2014", "2015=2015; 2014=2014"},
		{"fr last year", "fr", "2017-11-16", "l'an dernier et le mois dernier", "l'an dernier=2016; mois dernier=2017-10"},
		{"fr day month of next year", "fr", "2017-12-28", "le 5 janvier", "5 janvier=2018-01-05"},
		{"fr day month long after report is last year", "fr", "2017-01-10", "le 28 décembre", "28 décembre=2016-12-28"},
		{"fr month ref: weekday counts back from its last day", "fr", "2017-11", "lundi et le 16 novembre", "lundi=2017-11-27; 16 novembre=2017-11-16"},
		{"fr month ref: relative day is the month", "fr", "2017-11", "hier", "hier=2017-11"},
		{"fr impossible day is no date", "fr", "2017-11-16", "le 31 novembre 2017", ""},
		{"en on weekday", "en", "2017-07-10", "arrived in Mosul on Sunday to congratulate", "Sunday=2017-07-09"},
		{"en month day year", "en", "2017-11-16", "On Nov. 3, 2016 and on October 12th", "Nov. 3, 2016=2016-11-03; October 12th=2017-10-12"},
		{"en day of month", "en", "2017-11-16", "the 16th of November", "16th of November=2017-11-16"},
		{"en modal may and march are not months", "en", "2017-11-16", "They may march on the capital in May.", "May=2017-05"},
		{"en relative", "en", "2017-11-16", "yesterday, the day before yesterday, last night, today", "yesterday=2017-11-15; the day before yesterday=2017-11-14; last night=2017-11-15; today=2017-11-16"},
		{"en last weekday on the same weekday", "en", "2017-11-16", "last Thursday, Thursday, next Thursday", "Thursday=2017-11-09; Thursday=2017-11-16; Thursday=2017-11-23"},
		{"en year and month year", "en", "2017-11-16", "in 2016, in March 2011, the 2014 offensive, in mid-2015", "2016=2016; March 2011=2011-03; 2015=2015"},
		{"en newspaper is not a day", "en", "2017-11-16", "The Sunday Times said on Monday", "Monday=2017-11-13"},
		{"en possessive weekday", "en", "2017-11-16", "Sunday's vote", "Sunday's=2017-11-12"},
		{"es weekdays", "es", "2019-02-23", "este sábado desde Cúcuta; el martes pasado", "sábado=2019-02-23; martes pasado=2019-02-19"},
		{"es day month", "es", "2017-11-16", "el 3 de marzo y el 16 de noviembre de 2015", "3 de marzo=2017-03-03; 16 de noviembre de 2015=2015-11-16"},
		// The day after or before the day the text gave last, else the report's; 2017-11-16 is a Thursday.
		{"fr le lendemain", "fr", "2017-11-16", "Le convoi est parti le 12 octobre. Le lendemain, il a atteint Markada. La veille, la ville était calme.", "12 octobre=2017-10-12; Le lendemain=2017-10-13; La veille=2017-10-12"},
		{"fr la veille of the report", "fr", "2017-11-16", "La veille, des tirs ont été entendus.", "La veille=2017-11-15"},
		{"en the next day", "en", "2017-11-16", "Fighting began on October 3. The next day, the army entered the town; two days later it left.", "October 3=2017-10-03; The next day=2017-10-04; two days later=2017-10-06"},
		{"en the day before yesterday is not the day before", "en", "2017-11-16", "On October 3 and the day before yesterday", "October 3=2017-10-03; the day before yesterday=2017-11-14"},
		{"es al día siguiente", "es", "2017-11-16", "El ataque fue el 3 de marzo. Al día siguiente, el ejército llegó.", "3 de marzo=2017-03-03; Al día siguiente=2017-03-04"},
		{"de am nächsten Tag", "de", "2017-11-16", "Am 3. Oktober begann der Angriff. Am nächsten Tag erreichten sie die Stadt; am Vortag war es ruhig.", "3. Oktober=2017-10-03; Am nächsten Tag=2017-10-04; am Vortag=2017-10-03"},
		{"it il giorno dopo", "it", "2017-11-16", "L'attacco è avvenuto il 3 ottobre. Il giorno dopo l'esercito è entrato in città.", "3 ottobre=2017-10-03; Il giorno dopo=2017-10-04"},
		{"pt no dia seguinte", "pt", "2017-11-16", "O ataque foi em 3 de outubro. No dia seguinte, o exército entrou na cidade.", "3 de outubro=2017-10-03; No dia seguinte=2017-10-04"},
		{"ar the next day", "ar", "2017-11-16", "بدأ الهجوم يوم الثلاثاء. وفي اليوم التالي دخل الجيش المدينة.", "الثلاثاء=2017-11-14; وفي اليوم التالي=2017-11-15"},
		// A weekday after a word of the future is the coming one; in the past tense, the last one.
		{"en by Wednesday in the future", "en", "2017-11-16", "The road would open in Jacobabad by Wednesday, officials said on Monday.", "Wednesday=2017-11-22; Monday=2017-11-13"},
		{"en will on Friday", "en", "2017-11-16", "Talks will resume in Geneva on Friday.", "Friday=2017-11-17"},
		{"en past tense weekday", "en", "2017-11-16", "Talks resumed in Geneva on Friday.", "Friday=2017-11-10"},
		{"en future in another clause does not count", "en", "2017-11-16", "The army will stay. Talks resumed on Friday.", "Friday=2017-11-10"},
		{"fr d'ici mercredi", "fr", "2017-11-16", "La route doit rouvrir d'ici mercredi.", "mercredi=2017-11-22"},
		{"es el lunes que viene as future", "es", "2017-11-16", "La reunión será el lunes en Ginebra.", "lunes=2017-11-20"},
		{"de wird am Montag", "de", "2017-11-16", "Die Konferenz wird am Montag in Genf beginnen.", "Montag=2017-11-20"},
		{"it sarà lunedì", "it", "2017-11-16", "La riunione sarà lunedì a Ginevra.", "lunedì=2017-11-20"},
		{"pt será na segunda-feira", "pt", "2017-11-16", "A reunião será na segunda-feira em Genebra.", "segunda-feira=2017-11-20"},
		{"ar سوف يوم الاثنين", "ar", "2017-11-16", "سوف يعقد الاجتماع يوم الاثنين في جنيف.", "الاثنين=2017-11-20"},
		// Ranges: days from one to another, "since" a date to the report's, and last week, Monday to Sunday
		// (2017-11-16 is a Thursday).
		{"fr du au", "fr", "2017-11-16", "Les combats ont eu lieu du 3 au 5 octobre à Raqqa.", "3 au 5 octobre=2017-10-03/2017-10-05"},
		{"fr du au across months with year", "fr", "2017-11-16", "du 28 décembre 2016 au 2 janvier 2017", "28 décembre 2016 au 2 janvier 2017=2016-12-28/2017-01-02"},
		{"fr depuis juin", "fr", "2017-11-16", "La ville est assiégée depuis juin.", "juin=2017-06/2017-11"},
		{"fr semaine dernière", "fr", "2017-11-16", "Des tirs ont éclaté la semaine dernière à Gao.", "semaine dernière=2017-11-06/2017-11-12"},
		{"en from to", "en", "2017-11-16", "Talks were held from 3 to 5 October in Geneva.", "3 to 5 October=2017-10-03/2017-10-05"},
		{"en from to across months", "en", "2017-11-16", "from 28 September to 2 October", "28 September to 2 October=2017-09-28/2017-10-02"},
		{"en between and", "en", "2017-11-16", "between 3 and 5 October 2016", "3 and 5 October 2016=2016-10-03/2016-10-05"},
		{"en two days are no range", "en", "2017-11-16", "on 3 and 5 October", "5 October=2017-10-05"},
		{"en since June", "en", "2017-11-16", "Mosul has been besieged since June.", "June=2017-06/2017-11"},
		{"en since Monday", "en", "2017-11-16", "Roads have been closed since Monday.", "Monday=2017-11-13/2017-11-16"},
		{"en since a year ago is too long for a range", "en", "2017-11-16", "since 2014", "2014=2014"},
		{"en last week", "en", "2017-11-16", "Fighting resumed last week.", "last week=2017-11-06/2017-11-12"},
		{"en last week needs a day", "en", "2017-11", "Fighting resumed last week.", "last week=2017-11"},
		{"es del al", "es", "2017-11-16", "del 3 al 5 de octubre", "3 al 5 de octubre=2017-10-03/2017-10-05"},
		{"es desde junio", "es", "2017-11-16", "desde junio", "junio=2017-06/2017-11"},
		{"es semana pasada", "es", "2017-11-16", "la semana pasada", "semana pasada=2017-11-06/2017-11-12"},
		{"de vom bis", "de", "2017-11-16", "vom 3. bis 5. Oktober", "3. bis 5. Oktober=2017-10-03/2017-10-05"},
		{"de seit Juni", "de", "2017-11-16", "seit Juni", "Juni=2017-06/2017-11"},
		{"de letzte Woche", "de", "2017-11-16", "letzte Woche", "letzte Woche=2017-11-06/2017-11-12"},
		{"it dal al", "it", "2017-11-16", "dal 3 al 5 ottobre", "3 al 5 ottobre=2017-10-03/2017-10-05"},
		{"it settimana scorsa", "it", "2017-11-16", "la settimana scorsa", "settimana scorsa=2017-11-06/2017-11-12"},
		{"pt de a", "pt", "2017-11-16", "de 3 a 5 de outubro", "3 a 5 de outubro=2017-10-03/2017-10-05"},
		{"pt semana passada", "pt", "2017-11-16", "na semana passada", "semana passada=2017-11-06/2017-11-12"},
		{"ar من إلى", "ar", "2017-11-16", "من 3 إلى 5 أكتوبر", "3 إلى 5 أكتوبر=2017-10-03/2017-10-05"},
		{"ar الأسبوع الماضي", "ar", "2017-11-16", "الأسبوع الماضي", "الأسبوع الماضي=2017-11-06/2017-11-12"},
		{"fr le lendemain of a range", "fr", "2017-11-16", "du 3 au 5 octobre. Le lendemain, calme.", "3 au 5 octobre=2017-10-03/2017-10-05; Le lendemain=2017-10-06"},
		{"fr reversed range is two days", "fr", "2017-11-16", "du 5 au 3 octobre", "3 octobre=2017-10-03"},
		{"es relative and morning", "es", "2017-11-16", "ayer por la mañana, hoy, mañana, esta mañana, anoche", "ayer=2017-11-15; hoy=2017-11-16; mañana=2017-11-17; esta mañana=2017-11-16; anoche=2017-11-15"},
		{"es month", "es", "2017-11-16", "a finales de octubre", "octubre=2017-10"},
		{"de weekday and day month", "de", "2017-11-16", "Am Montag und am 14. Oktober 2017", "Montag=2017-11-13; 14. Oktober 2017=2017-10-14"},
		{"de relative, Morgen is morning", "de", "2017-11-16", "gestern, heute Morgen, morgen, vorgestern", "gestern=2017-11-15; heute Morgen=2017-11-16; morgen=2017-11-17; vorgestern=2017-11-14"},
		{"de month and compound weekday", "de", "2017-11-16", "im Oktober, Sonntagabend, seit 2014", "Oktober=2017-10; Sonntagabend=2017-11-12; 2014=2014"},
		{"de weekday with date", "de", "2017-11-16", "Sonntag, den 12. November", "Sonntag, den 12. November=2017-11-12"},
		{"it weekday and date", "it", "2017-11-16", "sabato, il 12 ottobre, ieri, l'altro ieri, nel 2016", "sabato=2017-11-11; 12 ottobre=2017-10-12; ieri=2017-11-15; l'altro ieri=2017-11-14; 2016=2016"},
		{"it month", "it", "2017-11-16", "a ottobre e lunedì", "ottobre=2017-10; lunedì=2017-11-13"},
		{"pt weekdays", "pt", "2017-11-16", "no domingo, nesta segunda, na segunda rodada, na sexta-feira", "domingo=2017-11-12; segunda=2017-11-13; sexta-feira=2017-11-10"},
		{"pt capitalised month is a name", "pt", "2018-01-10", "na Rocinha, no Rio de Janeiro, em janeiro", "janeiro=2018-01"},
		{"pt date and relative", "pt", "2017-11-16", "em 3 de março de 2016, ontem, hoje, em outubro", "3 de março de 2016=2016-03-03; ontem=2017-11-15; hoje=2017-11-16; outubro=2017-10"},
		{"ar weekday", "ar", "2017-10-20", "سيطرت القوات يوم الأحد على مدينة الرقة", "الأحد=2017-10-15"},
		{"ar Levantine month with alternative", "ar", "2017-11-16", "في 12 تشرين الأول/أكتوبر 2017", "12 تشرين الأول/أكتوبر 2017=2017-10-12"},
		{"ar relative and year", "ar", "2017-11-16", "أمس واليوم وفي عام 2014", "أمس=2017-11-15; واليوم=2017-11-16; 2014=2014"},
		{"numeric dates", "fr", "2017-11-16", "le 12/10/2017 et le 2017-10-13, 3.14 et 14:05", "12/10/2017=2017-10-12; 2017-10-13=2017-10-13"},
		{"numeric date month first in English", "en", "2017-11-16", "on 10/12/2017", "10/12/2017=2017-10-12"},
		{"guessed language: hier is not German for yesterday", "", "2017-11-16", "Die Truppen sind hier und der Krieg ist nicht vorbei, sagte er am Montag.", "Montag=2017-11-13"},
		{"no report date: only absolute dates", "fr", "", "lundi 16 novembre 2015, hier, lundi", "lundi 16 novembre 2015=2015-11-16"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ref report.Date
			if c.ref != "" {
				ref = mustDate(t, c.ref)
			}
			if got := exprs(NewDoc(c.text, c.lang, ref)); got != c.want {
				t.Errorf("Exprs(%q)\n got %s\nwant %s", c.text, got, c.want)
			}
		})
	}
}

func TestSentence(t *testing.T) {
	for _, c := range []struct{ name, text, at, want string }{
		{"period", "Il pleut. Gao est prise.", "Gao", "Gao est prise."},
		{"title abbreviation", "Selon M. Macron, Gao est prise. Puis Kidal.", "Gao", "Selon M. Macron, Gao est prise."},
		{"initials", "The U.S. Army entered Gao. Then Kidal.", "Gao", "The U.S. Army entered Gao."},
		{"doctor", "Dr. Smith left Gao. Then Kidal.", "Gao", "Dr. Smith left Gao."},
		{"German ordinal date", "Am 14. Oktober fiel Gao. Dann Kidal.", "Gao", "Am 14. Oktober fiel Gao."},
		{"abbreviated month", "On Nov. 16 troops took Gao. Then Kidal.", "Gao", "On Nov. 16 troops took Gao."},
		{"title line", "Gao tombe\nLes soldats sont entrés dans Kidal.", "Kidal", "Les soldats sont entrés dans Kidal."},
		{"wrapped line goes on", "Les soldats sont entrés\ndans Kidal. Puis Gao.", "Kidal", "Les soldats sont entrés\ndans Kidal."},
		{"blank line", "300 combattants jihadistes\n\nparmi le convoi de Raqqa.", "Raqqa", "parmi le convoi de Raqqa."},
		{"missing space", "surveillé par la coalition.C'était à Raqqa.", "Raqqa", "C'était à Raqqa."},
		{"question and quote", "« Où est Gao ? » Puis Kidal.", "Gao", "« Où est Gao ? »"},
		{"lower case after question mark", "« Où est Gao ? » demande-t-il à Kidal.", "Kidal", "« Où est Gao ? » demande-t-il à Kidal."},
		{"Arabic", "سيطرت القوات على الرقة. وقال متحدث إن المقاتلين غادروا باتجاه دير الزور؟ نعم", "دير", "وقال متحدث إن المقاتلين غادروا باتجاه دير الزور؟"},
		{"decimal number", "Il y a 3.5 millions de réfugiés à Gao. Puis Kidal.", "Gao", "Il y a 3.5 millions de réfugiés à Gao."},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := NewDoc(c.text, "", report.Date{})
			s, e := d.Sentence(strings.Index(c.text, c.at))
			if got := c.text[s:e]; got != c.want {
				t.Errorf("Sentence at %q = %q, want %q", c.at, got, c.want)
			}
		})
	}
}

func TestDateFor(t *testing.T) {
	for _, c := range []struct{ name, lang, ref, text, at, want string }{
		{"date right after the mention", "fr", "2013-01-28", "Les soldats sont entrés lundi dans Tombouctou sans rencontrer de résistance, après avoir repris Gao samedi. Kidal reste hors de contrôle.", "Gao", "2013-01-26"},
		{"date of the mention's clause", "fr", "2013-01-28", "Les soldats sont entrés lundi dans Tombouctou sans rencontrer de résistance, après avoir repris Gao samedi.", "Tombouctou", "2013-01-28"},
		{"no date in the sentence: report date", "fr", "2013-01-28", "Les soldats sont entrés lundi dans Tombouctou. Kidal reste hors de contrôle.", "Kidal", "2013-01-28"},
		{"sentence-initial date over a later clause", "fr", "2013-01-28", "Lundi, les soldats sont entrés dans Tombouctou, après avoir repris Gao samedi.", "Tombouctou", "2013-01-28"},
		{"date before the mention in the clause", "fr", "2017-10-15", "Les forces ont repris samedi 14 octobre la ville d'Al-Mayadine, dans la province de Deir ez-Zor.", "Al-Mayadine", "2017-10-14"},
		{"nearest date in the sentence", "fr", "2017-10-15", "Les forces ont repris samedi 14 octobre la ville d'Al-Mayadine, dans la province de Deir ez-Zor.", "Deir", "2017-10-14"},
		{"two events, two dates", "en", "2017-11-16", "Troops entered Gao on Monday and Kidal on Tuesday.", "Kidal", "2017-11-14"},
		{"two events, first date", "en", "2017-11-16", "Troops entered Gao on Monday and Kidal on Tuesday.", "Gao", "2017-11-13"},
		{"relative clause date is an aside", "en", "2016-10-18", "Mosul, which the group seized in 2014, was attacked on Monday by Iraqi forces.", "Mosul", "2016-10-17"},
		{"a duration's start is an aside", "en", "2023-05-21", "Bakhmut, besieged since August, fell on Saturday, Wagner said.", "Bakhmut", "2023-05-20"},
		{"an aside is still the only date", "en", "2016-10-18", "Troops entered Mosul, which the group seized in 2014.", "Mosul", "2014"},
		{"German relative clause", "de", "2017-10-16", "Am Montag rückten irakische Truppen in Kirkuk ein, das die Kurden seit 2014 kontrollierten.", "Kirkuk", "2017-10-16"},
		{"Italian date at the sentence start", "it", "2017-11-14", "Lunedì 13 novembre, a Roma, la polizia ha arrestato un uomo.", "Roma", "2017-11-13"},
		{"Arabic last Saturday", "ar", "2017-10-16", "قتل ثلاثة أشخاص يوم السبت الماضي في بغداد، وفي الموصل أمس.", "بغداد", "2017-10-14"},
		{"Arabic yesterday with a conjunction", "ar", "2017-10-16", "قتل ثلاثة أشخاص يوم السبت الماضي في بغداد، وفي الموصل أمس.", "الموصل", "2017-10-15"},
		{"month-precision report date", "fr", "2017-11", "L'accord a été conclu à Raqqa.", "Raqqa", "2017-11"},
		{"Arabic", "ar", "2017-10-20", "سيطرت القوات يوم الأحد على مدينة الرقة، وقال متحدث إن المقاتلين غادروا.", "الرقة", "2017-10-15"},
		{"German", "de", "2022-03-02", "Russische Truppen haben am Dienstag die Hafenstadt Cherson eingenommen.", "Cherson", "2022-03-01"},
		{"Spanish", "es", "2019-02-23", "Camiones intentaron cruzar este sábado desde Cúcuta hacia Venezuela.", "Cúcuta", "2019-02-23"},
		{"Italian", "it", "2017-11-16", "Domenica le truppe sono entrate a Mosul.", "Mosul", "2017-11-12"},
		{"Portuguese", "pt", "2017-11-16", "As tropas entraram em Mossul no domingo, segundo o governo.", "Mossul", "2017-11-12"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := NewDoc(c.text, c.lang, mustDate(t, c.ref))
			i := strings.Index(c.text, c.at)
			if i < 0 {
				t.Fatalf("%q not in text", c.at)
			}
			if got := d.DateFor(i, i+len(c.at)).String(); got != c.want {
				t.Errorf("DateFor(%q) = %s, want %s (exprs: %s)", c.at, got, c.want, exprs(d))
			}
		})
	}
}

func TestDateForOutOfRange(t *testing.T) {
	d := NewDoc("Gao samedi.", "fr", mustDate(t, "2013-01-28"))
	for _, c := range []struct {
		start, end int
		want       string
	}{{-5, -1, "2013-01-26"}, {100, 200, "2013-01-26"}, {3, 1, "2013-01-26"}} {
		t.Run(fmt.Sprintf("%d-%d", c.start, c.end), func(t *testing.T) {
			if got := d.DateFor(c.start, c.end).String(); got != c.want {
				t.Errorf("DateFor(%d, %d) = %s, want %s", c.start, c.end, got, c.want)
			}
		})
	}
}
