# The extension's popup, export dialog, task manager, task popover, Lever row and auto-sync prompt.

## Ce que plusieurs pages partagent : l'état du serveur, le message, les commandes Lever

ui-backend-not-configured = Aucun serveur pour l'instant : indiquez son URL dans les options.
ui-backend-reachable = Serveur joignable (version { $version })
ui-backend-unreachable = Serveur injoignable : { $reason }
ui-dismiss = Fermer
ui-connect-restarted = L'extension a redémarré pendant que Lever était ouvert. Cliquez de nouveau sur Connecter.
ui-connect-timeout = Le consentement Lever n'a pas été donné à temps. Cliquez de nouveau sur Connecter.
ui-connected = Intégration Lever autorisée.
ui-disconnected = Lever est déconnecté. Les réglages et l'historique sont conservés.
ui-disconnect-question = Déconnecter Lever pour tout le monde ?
ui-disconnect-detail = Les exports s'interrompent et les badges se masquent jusqu'à ce qu'un Super Admin reconnecte Lever.
ui-cancel = Annuler
ui-disconnect = Déconnecter

## La fenêtre de l'extension

popup-checking = Vérification…
popup-signed-out = Non connecté : connectez Lever ou rejoignez l'équipe avec un code d'invitation dans les options.
popup-signed-in = Connecté en tant que { $name } ({ $role })
popup-lever-connected = Lever connecté
popup-lever-connected-by = Lever connecté par { $name }
popup-lever-disconnected = Lever est déconnecté.
popup-sync-off = La synchronisation automatique des profils est désactivée : les badges ne peuvent pas montrer qui est dans Lever.
popup-sync-not-yet = { $days ->
    [one] La synchronisation automatique des profils est activée ({ $days } jour) ; pas encore synchronisé.
   *[other] La synchronisation automatique des profils est activée ({ $days } jours) ; pas encore synchronisé.
  }
popup-sync-done = { $count ->
    [one] { $count } profil Lever indexé ; synchronisé { $ago }.
   *[other] { $count } profils Lever indexés ; synchronisés { $ago }.
  }
popup-not-a-page = Cet onglet n'est pas une page de candidats ProvenBase.
popup-recent = Exports récents
popup-task-counts = { $ago } · exportés : { $exported }, en échec : { $failed }, en attente : { $left }
popup-task-manager = Gestionnaire de tâches
popup-options = Options de l'extension

## La fenêtre d'export

dialog-no-candidates = Aucun candidat n'a été transmis.
dialog-loading = Chargement…
dialog-close = Fermer
dialog-cancel = Annuler
dialog-export-to = Exporter vers
dialog-reading-profiles = { $count ->
    [one] Lecture de { $count } page de profil sur ProvenBase…
   *[other] Lecture de { $count } pages de profil sur ProvenBase…
  }
dialog-checking = Recherche de qui est déjà dans Lever…
dialog-export-candidates = { $count ->
    [one] Exporter { $count } candidat
   *[other] Exporter { $count } candidats
  }
dialog-fields = Champs du CV à inclure
dialog-next = Suivant
dialog-choose-field = Choisissez au moins un champ du CV.
dialog-profiles-unread = { $count ->
    [one] { $count } page de profil n'a pas pu être lue : les CV se passeront de ce que seul le profil montre.
   *[other] { $count } pages de profil n'ont pas pu être lues : les CV se passeront de ce que seul le profil montre.
  }
dialog-profiles-failed = Les pages de profil n'ont pas pu être lues ({ $reason }) : les CV se passeront de ce que seul le profil montre.
dialog-export-to-lever = Exporter vers Lever
dialog-job-optional = Poste (facultatif)
dialog-search-jobs = Rechercher un poste
dialog-job = Poste
dialog-no-job = Aucun poste
dialog-job-unlisted = { $job } (non publié)
dialog-stage = Étape
dialog-resume-format = Format du CV
dialog-task-name = Nom de la tâche d'export (obligatoire)
dialog-name-required = Nommez la tâche d'export : le nom est obligatoire.
dialog-note = Note pour Lever (facultative)
dialog-note-placeholder = Ajoutée au profil Lever de chaque candidat exporté
dialog-export = Exporter
dialog-in-lever = { $count ->
    [one] { $count } candidat dans Lever
   *[other] { $count } candidats dans Lever
  }
dialog-skip = Les ignorer
dialog-add-opportunity = Ajouter une nouvelle opportunité à chaque profil existant
dialog-possible = { $count ->
    [one] { $count } candidat peut-être dans Lever (même nom et entreprise)
   *[other] { $count } candidats peut-être dans Lever (même nom et entreprise)
  }
dialog-skip-until-reviewed = Les ignorer jusqu'à ce que je les vérifie
dialog-export-possible = J'ai vérifié : les exporter comme nouveaux candidats
dialog-on-the-way = { $count ->
    [one] { $count } candidat déjà en route vers Lever est laissé de côté.
   *[other] { $count } candidats déjà en route vers Lever sont laissés de côté.
  }
dialog-nothing-left = Plus rien à exporter

## Les doublons et les remarques de la fenêtre d'export (shared::prompt)

prompt-unavailable-summary = Les fiches de ProvenBase ne montrent pas de résumé pour ces candidats : le CV ne peut pas l'inclure.
prompt-unavailable-experience = Les fiches de ProvenBase ne montrent pas d'expérience pour ces candidats : le CV ne peut pas l'inclure.
prompt-unavailable-education = Les fiches de ProvenBase ne montrent pas de formation pour ces candidats : le CV ne peut pas l'inclure.
prompt-locked = { $count ->
    [one] { $names } est verrouillé·e et laissé·e de côté : déverrouillez ce profil dans ProvenBase pour l'exporter.
   *[other] { $count } candidats verrouillés sont laissés de côté ({ $names }) : déverrouillez-les dans ProvenBase pour les exporter.
  }
prompt-and-more = { $count ->
    [one] et { $count } autre
   *[other] et { $count } autres
  }
prompt-unknown-stage = étape inconnue
prompt-in-lever = dans Lever · { $stage } (même { $on })
prompt-in-lever-archived = dans Lever · archivé · { $stage } (même { $on })
prompt-possible = peut-être { $name } dans Lever · { $stage } (même { $on })
prompt-exporting = en cours d'export dans « { $task } » par { $name }
prompt-line = { $name } : { $why }
prompt-title-all = { $total ->
    [0] Aucun candidat n'est dans Lever
    [1] Ce candidat est déjà dans Lever
    [2] Les deux sont déjà dans Lever
   *[other] Les { $total } sont déjà dans Lever
  }
prompt-title-all-maybe = { $total ->
    [0] Aucun candidat n'est dans Lever
    [1] Ce candidat est peut-être déjà dans Lever
    [2] Les deux sont peut-être déjà dans Lever
   *[other] Les { $total } sont peut-être déjà dans Lever
  }
prompt-title-some = { $count ->
    [one] { $count } sur { $total } est déjà dans Lever
   *[other] { $count } sur { $total } sont déjà dans Lever
  }
prompt-title-some-maybe = { $count ->
    [one] { $count } sur { $total } est peut-être déjà dans Lever
   *[other] { $count } sur { $total } sont peut-être déjà dans Lever
  }

## Les champs du CV

field-name = Nom
field-title = Poste
field-company = Entreprise
field-emails = E-mails
field-phones = Téléphones
field-location = Localisation
field-links = Liens
field-summary = Résumé
field-skills = Compétences
field-experience = Expérience
field-education = Formation

## Les rôles d'accès Lever

role-super-admin = Super administrateur
role-admin = Administrateur
role-team-member = Membre de l'équipe
role-limited-team-member = Membre de l'équipe limité
role-interviewer = Intervieweur

## Où en est une tâche d'export

state-waiting = En attente
state-running = Export en cours
state-paused = En pause
state-done = Terminée
state-done-with-failures = Terminée avec des échecs
state-cancelled = Annulée

## Le gestionnaire de tâches

tasks-title = Tâches d'export vers Lever
tasks-show = Afficher
tasks-filter-all = Tous les candidats
tasks-filter-waiting = En attente
tasks-filter-exported = Exportés
tasks-filter-skipped = Ignorés
tasks-filter-failed = En échec
tasks-filter-cancelled = Annulés
tasks-loading = Chargement des tâches d'export…
tasks-empty = Aucun export pour l'instant.
tasks-by = par { $name }
tasks-took = en { $duration }
tasks-counts = exportés : { $exported }, ignorés : { $skipped }, en échec : { $failed }, en attente : { $left }
tasks-counts-cancelled = , annulés : { $count }
tasks-progress = Progression de { $name }
tasks-retry = Relancer les échecs
tasks-cancel-waiting = Annuler ceux en attente
tasks-candidate = Candidat
tasks-state = État
tasks-why = Pourquoi
tasks-in-lever = Dans Lever
tasks-open-in-lever = Ouvrir dans Lever
tasks-item-queued = En file
tasks-item-exporting = Export en cours
tasks-item-exported = Exporté
tasks-item-skipped = Ignoré
tasks-item-failed = En échec
tasks-item-cancelled = Annulé

## La liste des tâches au-dessus de la barre

popover-title = Exports récents
popover-loading = Chargement…
popover-empty = Aucun export pour l'instant.
popover-progress = Progression de { $name }
popover-counts = exportés : { $exported } · ignorés : { $skipped } · en échec : { $failed } · en attente : { $left }
popover-show-all = Tout afficher

## La ligne Lever de la page Profile & Password de ProvenBase

row-checking = Vérification…
row-not-connected = Non connecté
row-connected-as = Connecté en tant que { $name }
row-disconnected = Déconnecté. { $reason }
row-connect = Connecter
row-disconnect = Déconnecter

## La question de synchronisation automatique après la connexion

autosync-title = Synchroniser les profils Lever ?
autosync-text = La synchronisation automatique des profils copie vos profils Lever pour que ProvenBase puisse montrer qui est déjà dans Lever sur Sourcing Lab, Projects et Candidate Lake.
autosync-days = Nombre de jours à vérifier pour les doublons
autosync-days-range = Saisissez un nombre de jours entre 1 et { $max }.
autosync-no = Non
autosync-yes = Oui
autosync-on = { $days ->
    [one] La synchronisation automatique des profils est activée : vérification du dernier jour de profils Lever.
   *[other] La synchronisation automatique des profils est activée : vérification des { $days } derniers jours de profils Lever.
  }
autosync-off = La synchronisation automatique des profils est désactivée.

## Durées (les temps relatifs viennent de Intl.RelativeTimeFormat)

time-seconds = { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
  }
time-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
  }
time-hours = { $hours ->
    [one] { $hours } heure
   *[other] { $hours } heures
  } { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
  }
