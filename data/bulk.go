package data

// ClientWithContracts is a client with their contracts, stored together by
// CreateClients. A contract's NoticeReceived, if set, cancels it.
type ClientWithContracts struct {
	Client    Client
	Contracts []Contract
	Since     Date // the day the client was first recorded; zero or after today: now
}
