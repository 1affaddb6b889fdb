package views

// SigninPage is /signin.
type SigninPage struct {
	Head    Head
	Next    string // where the browser goes once signed in, a path of this site
	Problem string // why the last token was refused
}
