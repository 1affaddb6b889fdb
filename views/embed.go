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
	Bins     Timeline
	Total    int
	Link     string // the explore page of the same view
	Download string // its events as GeoJSON (/events.geojson with its query)
}
