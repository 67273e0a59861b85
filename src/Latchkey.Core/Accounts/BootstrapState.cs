namespace Latchkey.Core.Accounts;

public enum BootstrapState
{
    AccountsExist,
    AdministratorCreated,
    SetupLinkIssued,
    Failed,
}
