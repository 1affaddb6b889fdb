package gazetteer

import (
	"fmt"
	"io"
	"os"
)

// LoadDump builds a Gazetteer from the countries, divisions and regions of the compact form and the
// populated places of a GeoNames dump (allCountries.txt, cities1000.txt... format), with the extra names
// of alternateNamesV2.txt when altPath is not empty. It is for users who need villages.
func LoadDump(compact, dumpPath, altPath string) (*Gazetteer, error) {
	g, err := Load(compact)
	if err != nil {
		return nil, err
	}
	b := NewBuilder()
	b.src.Demonyms = g.demonymNames
	for i, p := range g.places { // the countries, divisions and regions: only their names are decoded
		if g.briefs[i].Kind == Town {
			continue
		}
		j := b.add(p, g.Names(uint32(i)), g.admin2[i])
		switch g.briefs[i].Kind {
		case Division:
			b.admin1[p.CountryCode+"."+p.Admin1] = j
			b.labeled[j] = true // its point is the compact form's: keep it
		case District:
			b.admin2[p.CountryCode+"."+p.Admin1+"."+g.admin2[i]] = j
			b.labeled[j] = true
		}
	}
	if err := addFile(dumpPath, b.AddGeoNames); err != nil {
		return nil, err
	}
	if altPath != "" {
		if err := addFile(altPath, b.AddAlternateNames); err != nil {
			return nil, err
		}
	}
	return Build(b.Source()), nil
}

func addFile(path string, add func(io.Reader, string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	return add(f, path)
}
