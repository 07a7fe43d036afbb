# The extension's options page.

options-title = Options de l'extension · ProvenBase → Lever

## La page

options-worker-checking = Vérification du worker en arrière-plan…
options-worker-ready = Worker en arrière-plan prêt (version { $version })
options-worker-silent = Le worker en arrière-plan ne répond pas : { $reason }
options-save = Enregistrer
options-sign-out = Se déconnecter
options-choose-lever-user = Choisissez un utilisateur Lever
options-days-range = Saisissez un nombre de jours entre 1 et { $max }.

## Serveur

options-backend-heading = Serveur
options-backend-url = URL du serveur
options-backend-saved = Enregistré.
options-backend-managed = Fixée par la politique de votre organisation.
options-backend-checking = Vérification du serveur…

## Compte Lever

options-connect = Connecter Lever
options-disconnect = Déconnecter
options-loading = Chargement…
options-no-backend = Indiquez d'abord l'URL du serveur ci-dessus.
options-not-signed-in = Non connecté.
options-connect-hint = Super Admins Lever : connectez votre compte Lever.
options-connected-as = Connecté à Lever en tant que { $name }
options-disconnected = Déconnecté. { $reason }
options-signed-in-as = Connecté en tant que { $name } ({ $role })

## Rejoindre avec un code d'invitation

options-join-heading = Rejoindre avec un code d'invitation
options-join-code = Code d'invitation
options-join = Rejoindre
options-join-code-missing = Collez le code d'invitation que votre Super Admin vous a donné.

## Paramètres de l'intégration

options-settings-heading = Paramètres de l'intégration
options-settings-loading = Chargement des paramètres…
options-settings-read-only = Lecture seule : seuls les Super Admins Lever peuvent modifier ces paramètres ; votre rôle Lever est { $role }.
options-settings-saved = Paramètres enregistrés.
options-default-stage = Étape par défaut
options-default-stage-lever = Étape par défaut de Lever (New lead)
options-integration-admin = Administrateur Lever de l'intégration
options-auto-sync = Synchronisation automatique des profils
options-auto-sync-days = Jours à vérifier pour les doublons
options-tag-exports = Étiqueter les candidats exportés dans Lever avec « ProvenBase » et le projet ou la page d'où ils viennent
options-save-settings = Enregistrer les paramètres

## Synchronisation des profils

options-sync-off = La synchronisation automatique des profils est désactivée : les badges ne peuvent pas montrer qui est déjà dans Lever.
options-sync-synced = { $count ->
    [one] { $count } profil Lever
   *[other] { $count } profils Lever
  } { $days ->
    [one] du dernier jour
   *[other] des { $days } derniers jours
  }, dernière synchronisation { $ago }.
options-sync-never = { $count ->
    [one] { $count } profil Lever
   *[other] { $count } profils Lever
  } { $days ->
    [one] du dernier jour
   *[other] des { $days } derniers jours
  }, aucune synchronisation pour l'instant.
options-sync-failed = La dernière tentative a échoué : { $reason }
options-sync-now = Synchroniser maintenant
options-sync-done = Profils Lever synchronisés.

## Webhooks Lever

options-webhook-help = Webhooks Lever (facultatifs, ils tiennent les badges à jour) : dans Lever, Settings → Integrations → Webhooks, envoyez les événements d'étape, d'archivage, d'embauche et de suppression à { $url }, puis collez ici le jeton de signature de Lever.
options-webhook-token = Jeton de signature
options-webhook-token-set = Jeton de signature (défini ; saisissez-en un nouveau pour le remplacer)
options-webhook-save = Enregistrer le jeton
options-webhook-saved = Jeton de signature des webhooks enregistré.

## Invitations

options-invites-heading = Invitations
options-invites-loading = Chargement des invitations…
options-invite-choose = Choisissez l'utilisateur Lever à inviter.
options-invite-who = Inviter un utilisateur Lever
options-invite-create = Créer l'invitation
options-invite-code-for = Code d'invitation pour { $name } (affiché une seule fois) :
options-invite-copy = Copier
options-invite-revoke = Révoquer
options-invite-open = ouverte
options-invite-used = utilisée
options-invite-revoked = révoquée
options-invite-expired = expirée

## Adaptateurs de page

options-adapters-heading = Adaptateurs de page ProvenBase
options-adapters-loading = Chargement des adaptateurs de page…
options-adapters-saved = Adaptateurs de page enregistrés : les pages ouvertes les prennent en compte d'ici une minute.
options-adapters-reset = Retour aux adaptateurs de page intégrés.
options-adapters-custom = Adaptateurs de page de votre organisation utilisés (version { $version }).
options-adapters-built-in = Adaptateurs de page intégrés utilisés (version { $version }).
options-adapters-json = Adaptateurs de page (JSON)
options-adapters-save = Enregistrer les adaptateurs de page
options-adapters-use-built-in = Utiliser les intégrés
options-adapters-empty-heading = Pages où aucun candidat n'a été trouvé
options-adapters-none-reported = Aucune signalée.
options-adapters-empty-page = { $page } · { $path } · adaptateurs v{ $version } · signalée par { $who }
options-adapters-invalid = Les adaptateurs ne sont pas un JSON d'adaptateurs de page valide : { $reason }

## Sessions connectées

options-sessions-heading = Sessions connectées
options-sessions-loading = Chargement des sessions…
options-sessions-this-browser = ce navigateur

## Journal d'audit

options-audit-heading = Journal d'audit
options-audit-loading = Chargement du journal d'audit…
options-audit-retention = Conserver les entrées pendant (jours)
options-audit-kept = { $days ->
    [one] Le journal d'audit conserve désormais { $days } jour.
   *[other] Le journal d'audit conserve désormais { $days } jours.
  }
options-audit-when = Quand
options-audit-who = Qui
options-audit-what = Quoi
options-audit-someone = quelqu'un
options-audit-member = membre
options-audit-a-candidate = un candidat
options-audit-lever-connected = A connecté Lever
options-audit-lever-disconnected = A déconnecté Lever
options-audit-lever-revoked = L'accès à Lever a été révoqué
options-audit-settings-changed = A modifié les paramètres de l'intégration
options-audit-webhook-token-changed = A modifié le jeton de signature des webhooks
options-audit-adapters-changed = A modifié les adaptateurs de page
options-audit-invite-created = A invité { $whom }
options-audit-invite-revoked = A révoqué une invitation
options-audit-invite-redeemed = A rejoint ({ $role })
options-audit-member-role-changed = { $whom } est désormais { $role } dans Lever
options-audit-member-deactivated = { $whom } a été désactivé dans Lever ; ses sessions ont pris fin
options-audit-export-created = { $count ->
    [one] A lancé la tâche d'export « { $name } » ({ $count } candidat)
   *[other] A lancé la tâche d'export « { $name } » ({ $count } candidats)
  }
options-audit-export-candidate = Export de { $whom } : { $outcome }
options-audit-export-job = poste { $job }
options-audit-export-stage = étape { $stage }
options-audit-exports-paused = Exports suspendus : { $reason }
options-audit-exports-resumed = Exports repris
