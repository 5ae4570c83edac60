package domain

// MaxSearchLimit bounds how many hits one search returns: a list longer than
// this is read page by page, not searched for.
const MaxSearchLimit = 10000
