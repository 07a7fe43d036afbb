# Les messages d'erreur du backend : ce qu'on lit quand une requête est refusée (voir en/backend.ftl).

## Toute requête

error-unauthenticated = Connectez-vous d'abord : connectez Lever (Super Admins) ou utilisez une invitation dans les options de l'extension.
error-too-large = La requête est trop volumineuse ({ $size } Mo au plus).
error-rate-limited = { $seconds ->
    [one] Trop de requêtes : réessayez dans { $seconds } seconde.
   *[other] Trop de requêtes : réessayez dans { $seconds } secondes.
  }
error-store-unavailable = la base de données est indisponible
error-internal = une erreur s'est produite sur le serveur
error-no-such-route = adresse inconnue
error-body-invalid = Le corps de la requête n'est pas valide : { $detail }
error-query-invalid = Les paramètres de la requête ne sont pas valides : { $detail }

## Qui peut faire quoi

error-role-may-not = { $action ->
    [configure] Seuls les Super Admins Lever peuvent modifier les paramètres de l'intégration Lever ; votre rôle Lever est { $role }.
    [export] Seuls les Super Admins, administrateurs, membres de l'équipe et membres de l'équipe limités de Lever peuvent exporter des candidats vers Lever ; votre rôle Lever est { $role }.
   *[read] Seuls les Super Admins, administrateurs, membres de l'équipe et membres de l'équipe limités de Lever peuvent utiliser l'intégration Lever ; votre rôle Lever est { $role }.
  }
error-role-name = { $role ->
    [super-admin] Super administrateur
    [admin] Administrateur
    [team-member] Membre de l'équipe
    [limited-team-member] Membre de l'équipe limité
   *[interviewer] Intervieweur
  }
error-role-cannot-use = { $role ->
    [super-admin] Les Super Admins Lever ne peuvent pas utiliser l'intégration ProvenBase ; demandez un autre rôle à votre Super Admin Lever.
    [admin] Les administrateurs Lever ne peuvent pas utiliser l'intégration ProvenBase ; demandez un autre rôle à votre Super Admin Lever.
    [team-member] Les membres de l'équipe Lever ne peuvent pas utiliser l'intégration ProvenBase ; demandez un autre rôle à votre Super Admin Lever.
    [limited-team-member] Les membres de l'équipe limités Lever ne peuvent pas utiliser l'intégration ProvenBase ; demandez un autre rôle à votre Super Admin Lever.
   *[interviewer] Les intervieweurs Lever ne peuvent pas utiliser l'intégration ProvenBase ; demandez un autre rôle à votre Super Admin Lever.
  }
error-lever-user-deactivated = Votre utilisateur Lever est désactivé ; adressez-vous à votre Super Admin Lever.
error-lever-role-unknown = L'intégration ne connaît pas votre rôle Lever ; adressez-vous à votre Super Admin Lever.

## Les réponses de Lever

error-lever-busy = Lever est surchargé (limite de requêtes atteinte). Réessayez dans quelques secondes.
error-lever-unavailable = Lever est indisponible pour le moment ({ $detail }). Réessayez bientôt.
error-lever-timed-out = délai dépassé
error-lever-no-answer = aucune réponse
error-lever-still-refreshing = une autre instance renouvelle encore l'accès
error-lever-unauthorized = Lever n'accepte plus notre accès (révoqué ou expiré)
error-lever-refused = Lever a refusé : { $detail }
error-lever-not-found = Lever ne l'a pas trouvé : { $detail }
error-lever-unexpected = Lever a répondu quelque chose d'inattendu : { $detail }

## La connexion à Lever

error-lever-revoked = L'accès à Lever a été révoqué ou a expiré (Lever : Settings → Integrations & API → Authorized Apps). Un Super Admin Lever doit le reconnecter.
error-lever-disconnected-by = Déconnecté par { $name } dans les paramètres de l'intégration.
error-lever-disconnected-because = Lever est déconnecté : { $reason }
error-lever-disconnected = Lever est déconnecté.
error-lever-not-connected = Lever n'est pas connecté.
error-lever-not-connected-yet = Lever n'est pas encore connecté.
error-secret-hash = secret_hash doit être le SHA-256 du secret de connexion, en hexadécimal.
error-sign-in-code-invalid = Ce code de connexion n'est pas valide ou a déjà été utilisé. Connectez-vous de nouveau.
error-no-such-session = Session introuvable.

## Les invitations

error-invite-not-a-user = Invitez une personne qui est un utilisateur actif de votre compte Lever.
error-invite-interviewer = { $name } est intervieweur dans Lever ; l'intégration est réservée aux Super Admins, administrateurs, membres de l'équipe et membres de l'équipe limités.
error-no-such-invite = Aucune invitation ouverte avec cet identifiant.
error-invite-code-invalid = Ce code d'invitation n'est pas valide, a déjà été utilisé ou a expiré. Demandez-en un nouveau à votre Super Admin.

## Les paramètres

error-connect-first = Connectez d'abord Lever.
error-unknown-stage = Cette étape ne fait pas partie de vos étapes Lever.
error-auto-sync-days = { $max ->
    [one] La synchronisation automatique des profils remonte de 1 à { $max } jour, pas { $days }.
   *[other] La synchronisation automatique des profils remonte de 1 à { $max } jours, pas { $days }.
  }
error-admin-not-active = L'administrateur Lever de l'intégration doit être un utilisateur actif de votre compte Lever.
error-admin-deactivated = { $name } est désactivé dans Lever ; choisissez un Super Admin, un administrateur ou un membre de l'équipe actif.
error-admin-cannot-create = { $name } ne peut pas créer de candidats dans Lever ; choisissez un Super Admin, un administrateur ou un membre de l'équipe.
error-that-user = Cet utilisateur
error-audit-retention = { $max ->
    [one] Le journal d'audit conserve les entrées de 1 à { $max } jour, pas { $days }.
   *[other] Le journal d'audit conserve les entrées de 1 à { $max } jours, pas { $days }.
  }

## Les vérifications de doublons

error-check-too-many-candidates = { $max ->
    [one] Une vérification porte sur { $max } candidat au plus, pas { $count }.
   *[other] Une vérification porte sur { $max } candidats au plus, pas { $count }.
  }
error-check-too-many-keys = { $max ->
    [one] Une vérification porte sur { $max } e-mail, téléphone ou lien LinkedIn au plus en tout, pas { $count } ; vérifiez moins de candidats à la fois.
   *[other] Une vérification porte sur { $max } e-mails, téléphones et liens LinkedIn au plus en tout, pas { $count } ; vérifiez moins de candidats à la fois.
  }
error-check-trimmed = Certaines informations de ce candidat sont trop longues ou trop nombreuses pour être vérifiées ({ $details }) ; le reste a été vérifié.
error-check-emails = e-mails
error-check-phones = numéros de téléphone
error-check-linkedin = lien LinkedIn
error-check-name-or-company = nom ou entreprise

## Les exports

error-task-name-required = Nommez la tâche d'export : le nom est obligatoire.
error-task-name-too-long = { $max ->
    [one] Le nom de la tâche dépasse { $max } caractère.
   *[other] Le nom de la tâche dépasse { $max } caractères.
  }
error-note-too-long = { $max ->
    [one] La note dépasse { $max } caractère.
   *[other] La note dépasse { $max } caractères.
  }
error-no-resume-fields = Choisissez au moins une rubrique du CV à inclure.
error-export-count = { $max ->
    [one] Exportez { $max } candidat à la fois.
   *[other] Exportez de 1 à { $max } candidats à la fois.
  }
error-export-none-can-go = Aucun ne peut être exporté : { $why }
error-export-locked = Ce candidat est verrouillé : déverrouillez-le dans ProvenBase avant de l'exporter.
error-export-no-name = Ce candidat n'a pas de nom sur la page de ProvenBase, Lever ne peut donc pas l'enregistrer.
error-export-too-long = Certaines informations de ce candidat dépassent 2 000 caractères ; corrigez-les dans ProvenBase, puis exportez de nouveau.
error-export-too-many-keys = Ce candidat a plus de 20 e-mails ou numéros de téléphone ; corrigez-les dans ProvenBase, puis exportez de nouveau.
error-export-disconnected = Lever est déconnecté : un Super Admin doit le reconnecter avant tout export.
error-unknown-posting = Ce poste ne fait pas partie de vos offres Lever publiées ou non répertoriées.
error-no-such-export = Tâche d'export introuvable.

## Les adaptateurs de pages

error-adapters-incomplete = Un jeu d'adaptateurs doit couvrir Projects, Sourcing Lab et Candidate Lake.
error-adapter-no-path = Chaque adaptateur a besoin d'au moins un path_contains.
error-page-path-too-long = Le chemin de la page est trop long.

## Les webhooks de Lever

error-webhook-not-set-up = Les webhooks ne sont pas configurés pour cette organisation.
error-webhook-no-token = Webhook refusé : aucun token.
error-webhook-no-triggered-at = Webhook refusé : aucun triggeredAt.
error-webhook-no-signature = Webhook refusé : aucune signature.
error-webhook-bad-key = Webhook refusé : clé invalide.
error-webhook-bad-signature = Webhook refusé : la signature ne correspond pas.
error-webhook-stale = Webhook refusé : triggeredAt est trop éloigné de l'heure actuelle.

## Les métriques

error-metrics-off = Les métriques sont désactivées : définissez PBL_METRICS_TOKEN pour les activer.
error-metrics-token = Les métriques se lisent avec le jeton des métriques (PBL_METRICS_TOKEN) comme jeton bearer.

## La page qui termine une connexion (dans l'onglet Lever)

error-connect-title-connected = Connecté à Lever
error-connect-title-failed = Lever n'a pas été connecté
error-connect-close-tab = Vous pouvez fermer cet onglet.
error-connect-connected = Lever est connecté.
error-connect-denied = L'accès à Lever n'a pas été accordé : l'écran de consentement a été refusé. Rien n'a été connecté.
error-connect-not-super-admin = Seul un Super Admin Lever peut connecter ProvenBase à Lever. Demandez à un Super Admin de le connecter, puis de vous inviter. Rien n'a été connecté.
error-connect-deactivated = Votre compte Lever est désactivé : il ne peut pas connecter ProvenBase à Lever. Demandez à un autre Super Admin de le connecter, ou de réactiver votre compte dans Lever. Rien n'a été connecté.
error-connect-account-not-allowed = Ce backend ne sert pas votre compte Lever. Demandez à la personne qui l'administre d'ajouter ce compte, ou utilisez le backend de votre organisation. Rien n'a été connecté.
error-connect-expired = Ce lien de connexion Lever a expiré ou a déjà été utilisé. Recommencez avec « Connecter Lever ». Rien n'a été modifié.
error-connect-lever-error = Lever n'a pas terminé la connexion. Réessayez dans une minute. Rien n'a été connecté.

## Pourquoi un candidat d'une tâche d'export attend, est ignoré ou a échoué : enregistré avec le
## candidat comme message et arguments, et dit dans la langue de qui lit la tâche

reason-waiting-for-same-person = En attente de la fin d'un autre export de la même personne.
reason-no-integration-admin = Aucun administrateur Lever de l'intégration n'est choisi : un Super Admin doit en choisir un dans la page d'options.
reason-already-in-lever = Déjà dans Lever (même { $on }) ; ignoré comme demandé.
reason-lever-refused = Lever a refusé ce candidat : { $why }
reason-lever-gave-up = { $count ->
    [one] Lever ne l'a pas accepté après { $count } essai ({ $why }). Utilisez plus tard « Relancer les échecs ».
   *[other] Lever ne l'a pas accepté après { $count } essais ({ $why }). Utilisez plus tard « Relancer les échecs ».
  }
reason-could-not-export = { $count ->
    [one] Export impossible après { $count } essai ({ $why }). Utilisez plus tard « Relancer les échecs ».
   *[other] Export impossible après { $count } essais ({ $why }). Utilisez plus tard « Relancer les échecs ».
  }
reason-retrying = Nouvel essai : { $why }
reason-unreadable = Les données enregistrées de ce candidat sont illisibles ; exportez-le de nouveau depuis ProvenBase.
reason-note-no-opportunity = Exporté ; Lever n'a pas indiqué à quelle opportunité ajouter la note.
reason-note-failed = Exporté, mais la note n'a pas pu être ajoutée ({ $why }).
reason-note-busy = Exporté, mais Lever était trop occupé pour prendre la note.

## Pourquoi tous les exports de l'organisation sont en pause (enregistré, dit dans la langue du lecteur)

reason-paused-disconnected = En pause : Lever est déconnecté. Un Super Admin Lever doit le reconnecter ; l'export reprend alors là où il s'était arrêté.
reason-admin-gone = Exports en pause : l'administrateur Lever de l'intégration n'est plus un utilisateur de votre compte Lever. Un Super Admin doit choisir un autre administrateur Lever de l'intégration dans les options de l'extension (Paramètres) ; les candidats en attente reprennent alors.
reason-admin-role = Exports en pause : l'administrateur Lever de l'intégration ({ $name }) est désormais { $role } dans Lever et ne peut pas créer de candidats. Un Super Admin doit choisir un autre administrateur Lever de l'intégration dans les options de l'extension (Paramètres) ; les candidats en attente reprennent alors.
reason-admin-deactivated = Exports en pause : l'administrateur Lever de l'intégration ({ $name }) est désactivé dans Lever. Un Super Admin doit choisir un autre administrateur Lever de l'intégration dans les options de l'extension (Paramètres) ; les candidats en attente reprennent alors.
