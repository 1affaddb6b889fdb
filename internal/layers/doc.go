// Package layers holds no code: its test checks the import rules of the house (see
// ../../../shared/STYLE.md): the domain, internal/report, imports no other internal package;
// a store depends on the domain alone, never on the web, the views or echo; the intake pipeline
// and the views know nothing of the web; the owner of the query string, internal/viewquery,
// knows the domain alone.
package layers
