package views

// Embed is the snippet that embeds the current view in another page.
type Embed struct {
	Snippet string
}

// EmbedPage is /embed, /embed/map or /embed/timeline.
type EmbedPage struct {
	Head     Head
	Map      bool
	Timeline bool
	Bound    string
	MapImage string // the map drawn on the server, shown without JavaScript
	Tiles    Tiles
	Dots     bool // the map draws the events as dots from the vector tiles: a view of many
	Bins     Timeline
	Total    int
	Link     string   // the explore page of the same view
	Exports  []Export // its events in every export format
}
