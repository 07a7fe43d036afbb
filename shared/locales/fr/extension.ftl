# The extension's background worker: its answers and errors.

## Les réponses et erreurs du worker

worker-badges-sign-in = Connectez-vous depuis les options de l'extension pour voir qui est déjà dans Lever.
worker-badges-disconnected = Lever est déconnecté : les badges sont masqués jusqu'à ce qu'un Super Admin Lever le reconnecte.
worker-badges-unavailable = Badges Lever indisponibles : { $reason }
worker-badges-sync-off = La synchronisation automatique des profils est désactivée : les badges ne peuvent pas montrer qui est dans Lever.
worker-not-from-a-page = Interdit depuis une page web : ouvrez plutôt les options de l'extension.
worker-staged-gone = Ces candidats ne sont plus en attente : choisissez-les de nouveau sur la page.
worker-panel-from-button = Ce panneau ne s'ouvre que depuis le bouton de l'extension sur une page ProvenBase.
worker-not-a-provenbase-page = Seule une page ProvenBase a un script de contenu.
worker-source-page-gone = La page ProvenBase d'où venaient ces candidats est fermée : choisissez-les de nouveau.
worker-profiles-unread = La page ProvenBase n'a pas lu les profils ({ $reason }) ; est-elle encore ouverte ?
worker-autosync-from-row = L'invite de synchronisation automatique suit une connexion faite depuis la ligne Lever de cette page.
worker-backend-busy = { $seconds ->
    [one] Le serveur est occupé ; réessayez dans { $seconds } seconde.
   *[other] Le serveur est occupé ; réessayez dans { $seconds } secondes.
  }
worker-backend-url-unset = Indiquez d'abord l'URL du serveur dans les options de l'extension.
worker-backend-unreachable = Le serveur n'a pas répondu ({ $reason }).
worker-backend-answered = Le serveur a répondu { $status }.
worker-backend-url-managed = L'URL du serveur est fixée par la politique de votre organisation et ne peut pas être modifiée ici.
worker-backend-url-insecure = L'URL du serveur doit commencer par https:// (http:// seulement pour 127.0.0.1 ou localhost).

## Les noms, les mêmes dans toutes les langues

product-name = ProvenBase → Lever
product-lever = Lever
