using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Accounts;

/// <summary>
/// On a store without accounts: creates the first Administrator from <see cref="BootstrapOptions"/>, or issues the
/// one-time setup token. Does nothing once any account exists.
/// </summary>
public sealed class BootstrapAdministratorHandler(
    LatchkeyDbContext db,
    CreateAccountHandler createAccount,
    SetupToken setupToken,
    IOptions<BootstrapOptions> options)
{
    public async Task<BootstrapOutcome> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return new BootstrapOutcome(BootstrapState.AccountsExist, null, null);
        }

        var email = options.Value.AdminEmail;
        var password = options.Value.AdminPassword;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return new BootstrapOutcome(BootstrapState.SetupLinkIssued, setupToken.Issue(), null);
        }

        var created = await createAccount.HandleAsync(new CreateAccountCommand(email, Role.Administrator, Password: password), Actor.Console, AuditContext.Cli, cancellationToken);
        if (created.Succeeded)
        {
            return new BootstrapOutcome(BootstrapState.AdministratorCreated, null, null);
        }

        // Nodes of a cluster starting at once all find no account; the first one creates the administrator and the
        // others' attempts fail on the taken address. That is not a failure to start.
        return await db.Users.AnyAsync(cancellationToken)
            ? new BootstrapOutcome(BootstrapState.AccountsExist, null, null)
            : new BootstrapOutcome(BootstrapState.Failed, null, created.Failure);
    }
}
